// Package jose turns a published JSON Web Key Set into RSA public keys fit
// for RS256 verification. It is the only place the module touches
// lestrrat-go/jwx for key handling, so a move to another jwx major version
// changes this package and nothing public.
package jose

import (
	"crypto/rsa"
	"errors"
	"fmt"

	"github.com/lestrrat-go/jwx/v2/jwa"
	"github.com/lestrrat-go/jwx/v2/jwk"
)

// MinRSABits is the smallest modulus accepted. Cognito signs with 2048-bit
// keys; anything smaller in a pool's key set is a sign of tampering.
const MinRSABits = 2048

// ErrNoUsableKey reports a key set that parsed but holds no key usable for
// RS256 signatures.
var ErrNoUsableKey = errors.New("no key usable for RS256 in key set")

// SkipReason says why a key of a set cannot verify RS256 signatures.
type SkipReason int

// The reasons a key is skipped.
const (
	// SkipAlgorithm: the key's own alg is not RS256, or it is not an RSA
	// key at all, so a token naming it uses the wrong algorithm.
	SkipAlgorithm SkipReason = iota + 1
	// SkipUnusable: no kid, use other than sig, weak or broken modulus,
	// or a kid already taken by an earlier key of the set.
	SkipUnusable
)

// Key is one RSA public key of a set, ready for crypto/rsa.
type Key struct {
	ID     string
	Public *rsa.PublicKey
}

// Set is the usable keys of a parsed key set, plus the kids of keys that
// were skipped and why.
type Set struct {
	Keys    []Key
	Skipped map[string]SkipReason
}

// ParseSet parses a JWKS document. A key that cannot verify RS256
// signatures is skipped rather than failing the set, as one odd key must
// not take a whole pool offline; the document itself must be a valid set.
// It returns ErrNoUsableKey when no key survives.
func ParseSet(data []byte) (*Set, error) {
	set, err := jwk.Parse(data, jwk.WithIgnoreParseError(true))
	if err != nil {
		return nil, fmt.Errorf("parse key set: %w", err)
	}
	out := &Set{Skipped: map[string]SkipReason{}}
	seen := map[string]bool{}
	for i := range set.Len() {
		k, ok := set.Key(i)
		if !ok {
			continue
		}
		kid := k.KeyID()
		if kid != "" && seen[kid] {
			// Two keys under one kid: neither can be trusted to be the one
			// a token means, so both are refused.
			out.Skipped[kid] = SkipUnusable
			out.Keys = dropKey(out.Keys, kid)
			continue
		}
		seen[kid] = true
		pub, reason := convert(k)
		if reason != 0 {
			if kid != "" {
				out.Skipped[kid] = reason
			}
			continue
		}
		out.Keys = append(out.Keys, Key{ID: kid, Public: pub})
	}
	if len(out.Keys) == 0 {
		return out, ErrNoUsableKey
	}
	return out, nil
}

func convert(k jwk.Key) (*rsa.PublicKey, SkipReason) {
	if k.KeyID() == "" {
		return nil, SkipUnusable
	}
	if k.KeyType() != jwa.RSA {
		return nil, SkipAlgorithm
	}
	if alg := k.Algorithm().String(); alg != "" && alg != jwa.RS256.String() {
		return nil, SkipAlgorithm
	}
	if use := k.KeyUsage(); use != "" && use != string(jwk.ForSignature) {
		return nil, SkipUnusable
	}
	pk, err := k.PublicKey()
	if err != nil {
		return nil, SkipUnusable
	}
	var pub rsa.PublicKey
	if err := pk.Raw(&pub); err != nil {
		return nil, SkipUnusable
	}
	if pub.N == nil || pub.N.BitLen() < MinRSABits || pub.E < 3 || pub.E%2 == 0 {
		return nil, SkipUnusable
	}
	return &pub, 0
}

func dropKey(keys []Key, kid string) []Key {
	out := keys[:0]
	for _, k := range keys {
		if k.ID != kid {
			out = append(out, k)
		}
	}
	return out
}
