package testutil

import (
	"crypto/rsa"
	"encoding/base64"
	"fmt"

	"github.com/lestrrat-go/jwx/v2/jwa"
	"github.com/lestrrat-go/jwx/v2/jws"
)

// SignHeader signs header and payload, both taken byte for byte as given,
// with the ID key (idKey true) or the access key under alg (RS256, RS384,
// RS512, PS256, PS384 or PS512), and returns the compact token.
//
// Nothing is added to the header, not even alg or kid, and neither part
// need be JSON, so the signature is genuine while the header may lie:
// no kid, an alg other than the one used, a header that does not parse.
// That isolates the one rule a verifier must enforce from a broken
// signature it would refuse anyway.
func (i *Issuer) SignHeader(idKey bool, alg string, header, payload []byte) (string, error) {
	i.mu.RLock()
	key := i.accessKey
	if idKey {
		key = i.idKey
	}
	i.mu.RUnlock()

	signer, err := jws.NewSigner(jwa.SignatureAlgorithm(alg))
	if err != nil {
		return "", fmt.Errorf("testutil: signer for %q: %w", alg, err)
	}
	var raw rsa.PrivateKey
	if err := key.Raw(&raw); err != nil {
		return "", err
	}
	enc := base64.RawURLEncoding
	input := enc.EncodeToString(header) + "." + enc.EncodeToString(payload)
	sig, err := signer.Sign([]byte(input), &raw)
	if err != nil {
		return "", fmt.Errorf("testutil: sign: %w", err)
	}
	return input + "." + enc.EncodeToString(sig), nil
}
