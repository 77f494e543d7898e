package bench

import (
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"strings"

	"github.com/lestrrat-go/jwx/v2/jwk"
)

// Floor is the least any verifier must do per token: hash the signing
// input with SHA-256 and check the PKCS#1 v1.5 signature with an already
// parsed RSA key. Splitting the token and decoding the signature are done
// up front, so they are not part of the measured work.
type Floor struct {
	key    *rsa.PublicKey
	inputs [][]byte
	sigs   [][]byte
}

// NewFloor prepares the floor for f's tokens of kind k.
func NewFloor(f *Fixture, k Kind) (*Floor, error) {
	set, err := jwk.Parse(f.JWKS)
	if err != nil {
		return nil, err
	}
	kid := f.Issuer.IDKeyID()
	if k == KindAccess {
		kid = f.Issuer.AccessKeyID()
	}
	key, ok := set.LookupKeyID(kid)
	if !ok {
		return nil, errors.New("bench: signing key not in the key set")
	}
	fl := &Floor{key: &rsa.PublicKey{}}
	if err := key.Raw(fl.key); err != nil {
		return nil, err
	}
	for _, tok := range f.Tokens(k) {
		dot := strings.LastIndexByte(tok, '.')
		sig, err := base64.RawURLEncoding.DecodeString(tok[dot+1:])
		if err != nil {
			return nil, err
		}
		fl.inputs = append(fl.inputs, []byte(tok[:dot]))
		fl.sigs = append(fl.sigs, sig)
	}
	return fl, nil
}

// Verify checks the signature of token i of the pool, modulo its size.
func (fl *Floor) Verify(i int) error {
	i %= len(fl.inputs)
	sum := sha256.Sum256(fl.inputs[i])
	return rsa.VerifyPKCS1v15(fl.key, crypto.SHA256, sum[:], fl.sigs[i])
}
