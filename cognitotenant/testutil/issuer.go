package testutil

import (
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"fmt"
	"sync"
	"time"

	"github.com/lestrrat-go/jwx/v2/jwa"
	"github.com/lestrrat-go/jwx/v2/jwk"
	"github.com/lestrrat-go/jwx/v2/jws"
)

// Defaults an Issuer uses when no option overrides them.
const (
	DefaultRegion     = "us-east-1"
	DefaultUserPoolID = "us-east-1_TestPool1"
	DefaultClientID   = "testclient0123456789abcdef"
	DefaultLifetime   = time.Hour
)

// Issuer mints tokens shaped like those of one Cognito user pool, signed
// with two RSA keys as Cognito does: one for ID tokens, one for access
// tokens. It is safe for concurrent use.
type Issuer struct {
	region   string
	poolID   string
	clientID string
	issuer   string
	lifetime time.Duration
	now      func() time.Time
	bits     int

	mu        sync.RWMutex
	idKey     jwk.Key
	accessKey jwk.Key
	retired   []jwk.Key // public keys still published after a rotation
}

// IssuerOption configures an Issuer.
type IssuerOption func(*Issuer)

// WithUserPool sets the region and user pool id. The issuer URL becomes
// Cognito's for that pool unless WithIssuerURL overrides it.
func WithUserPool(region, poolID string) IssuerOption {
	return func(i *Issuer) { i.region, i.poolID = region, poolID }
}

// WithClientID sets the app client id put in aud and client_id.
func WithClientID(id string) IssuerOption {
	return func(i *Issuer) { i.clientID = id }
}

// WithIssuerURL sets the iss claim, as an emulator would serve it.
func WithIssuerURL(iss string) IssuerOption {
	return func(i *Issuer) { i.issuer = iss }
}

// WithLifetime sets how long minted tokens stay valid.
func WithLifetime(d time.Duration) IssuerOption {
	return func(i *Issuer) { i.lifetime = d }
}

// WithClock sets the clock that stamps iat, auth_time and exp.
func WithClock(now func() time.Time) IssuerOption {
	return func(i *Issuer) { i.now = now }
}

// WithKeyBits sets the RSA modulus size; the default is 2048, as Cognito.
func WithKeyBits(bits int) IssuerOption {
	return func(i *Issuer) { i.bits = bits }
}

// NewIssuer returns an Issuer with freshly generated keys.
func NewIssuer(opts ...IssuerOption) (*Issuer, error) {
	i := &Issuer{
		region:   DefaultRegion,
		poolID:   DefaultUserPoolID,
		clientID: DefaultClientID,
		lifetime: DefaultLifetime,
		now:      time.Now,
		bits:     2048,
	}
	for _, o := range opts {
		o(i)
	}
	if i.issuer == "" {
		i.issuer = fmt.Sprintf("https://cognito-idp.%s.amazonaws.com/%s", i.region, i.poolID)
	}
	var err error
	if i.idKey, err = newSigningKey(i.bits); err != nil {
		return nil, err
	}
	if i.accessKey, err = newSigningKey(i.bits); err != nil {
		return nil, err
	}
	return i, nil
}

// Region returns the user pool's region.
func (i *Issuer) Region() string { return i.region }

// UserPoolID returns the user pool id.
func (i *Issuer) UserPoolID() string { return i.poolID }

// ClientID returns the app client id minted tokens name.
func (i *Issuer) ClientID() string { return i.clientID }

// IssuerURL returns the iss claim minted tokens carry.
func (i *Issuer) IssuerURL() string { return i.issuer }

// Now returns the issuer's clock reading.
func (i *Issuer) Now() time.Time { return i.now() }

// IDKeyID returns the kid that signs ID tokens.
func (i *Issuer) IDKeyID() string {
	i.mu.RLock()
	defer i.mu.RUnlock()
	return i.idKey.KeyID()
}

// AccessKeyID returns the kid that signs access tokens.
func (i *Issuer) AccessKeyID() string {
	i.mu.RLock()
	defer i.mu.RUnlock()
	return i.accessKey.KeyID()
}

// Rotate replaces both signing keys. With keepOld the old public keys stay
// in the published set, as during a real rotation; without it they vanish.
func (i *Issuer) Rotate(keepOld bool) error {
	idKey, err := newSigningKey(i.bits)
	if err != nil {
		return err
	}
	accessKey, err := newSigningKey(i.bits)
	if err != nil {
		return err
	}
	i.mu.Lock()
	defer i.mu.Unlock()
	if keepOld {
		i.retired = append(i.retired, i.idKey, i.accessKey)
	} else {
		i.retired = nil
	}
	i.idKey, i.accessKey = idKey, accessKey
	return nil
}

// JWKS returns the public key set as Cognito serves it at
// <issuer>/.well-known/jwks.json.
func (i *Issuer) JWKS() []byte {
	i.mu.RLock()
	keys := append([]jwk.Key{i.idKey, i.accessKey}, i.retired...)
	i.mu.RUnlock()

	set := jwk.NewSet()
	for _, k := range keys {
		pub, err := k.PublicKey()
		if err != nil {
			panic(fmt.Sprintf("testutil: public key: %v", err))
		}
		_ = set.AddKey(pub)
	}
	b, err := json.Marshal(set)
	if err != nil {
		panic(fmt.Sprintf("testutil: marshal key set: %v", err))
	}
	return b
}

// SignWith signs claims as a JWS with the ID key (idKey true) or the access
// key, RS256 and the key's kid in the header. It does not look at claims,
// so any broken payload can be signed.
func (i *Issuer) SignWith(idKey bool, claims map[string]any) (string, error) {
	payload, err := json.Marshal(claims)
	if err != nil {
		return "", fmt.Errorf("testutil: marshal claims: %w", err)
	}
	return i.SignPayload(idKey, payload, nil)
}

// SignPayload signs raw payload bytes with the ID or access key, RS256.
// Extra header fields are added to the protected header and a "kid" there
// replaces the key's own; "alg" is always RS256 (SignHeader forges any
// header byte for byte).
func (i *Issuer) SignPayload(idKey bool, payload []byte, header map[string]any) (string, error) {
	i.mu.RLock()
	key := i.accessKey
	if idKey {
		key = i.idKey
	}
	i.mu.RUnlock()

	hdr := jws.NewHeaders()
	if err := hdr.Set(jws.KeyIDKey, key.KeyID()); err != nil {
		return "", err
	}
	for k, v := range header {
		if err := hdr.Set(k, v); err != nil {
			return "", fmt.Errorf("testutil: header %q: %w", k, err)
		}
	}
	var raw rsa.PrivateKey
	if err := key.Raw(&raw); err != nil {
		return "", err
	}
	signed, err := jws.Sign(payload, jws.WithKey(jwa.RS256, &raw, jws.WithProtectedHeaders(hdr)))
	if err != nil {
		return "", fmt.Errorf("testutil: sign: %w", err)
	}
	return string(signed), nil
}

func newSigningKey(bits int) (jwk.Key, error) {
	raw, err := rsa.GenerateKey(rand.Reader, bits)
	if err != nil {
		return nil, fmt.Errorf("testutil: generate key: %w", err)
	}
	key, err := jwk.FromRaw(raw)
	if err != nil {
		return nil, err
	}
	if err := jwk.AssignKeyID(key); err != nil {
		return nil, err
	}
	_ = key.Set(jwk.AlgorithmKey, jwa.RS256)
	_ = key.Set(jwk.KeyUsageKey, jwk.ForSignature)
	return key, nil
}
