package testutil

import (
	"encoding/base64"
	"strings"
	"testing"

	"github.com/lestrrat-go/jwx/v2/jwa"
	"github.com/lestrrat-go/jwx/v2/jwk"
	"github.com/lestrrat-go/jwx/v2/jws"
)

func TestSignHeader(t *testing.T) {
	t.Parallel()
	iss, err := NewIssuer()
	if err != nil {
		t.Fatal(err)
	}
	set, err := jwk.Parse(iss.JWKS())
	if err != nil {
		t.Fatal(err)
	}
	idKey, _ := set.LookupKeyID(iss.IDKeyID())
	payload := []byte(`{"sub":"x"}`)

	tests := []struct {
		name     string
		idKey    bool
		alg      string
		header   string
		verifyAs jwa.SignatureAlgorithm
		wantOK   bool
	}{
		{"header_without_kid_carries_a_genuine_signature", true, "RS256",
			`{"alg":"RS256"}`, jwa.RS256, true},
		{"signature_by_the_access_key_fails_under_the_id_key", false, "RS256",
			`{"alg":"RS256"}`, jwa.RS256, false},
		{"rs384_signature_verifies_as_rs384", true, "RS384",
			`{"alg":"RS384"}`, jwa.RS384, true},
		{"header_naming_another_alg_keeps_the_real_one", true, "RS256",
			`{"alg":"ES256","kid":"k"}`, jwa.RS256, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tok, err := iss.SignHeader(tc.idKey, tc.alg, []byte(tc.header), payload)
			if err != nil {
				t.Fatal(err)
			}
			seg, _, _ := strings.Cut(tok, ".")
			got, err := base64.RawURLEncoding.DecodeString(seg)
			if err != nil || string(got) != tc.header {
				t.Errorf("header segment decodes to %q (%v), want %q", got, err, tc.header)
			}
			parts := strings.Split(tok, ".")
			input := []byte(parts[0] + "." + parts[1])
			sig, err := base64.RawURLEncoding.DecodeString(parts[2])
			if err != nil {
				t.Fatal(err)
			}
			verifier, err := jws.NewVerifier(tc.verifyAs)
			if err != nil {
				t.Fatal(err)
			}
			err = verifier.Verify(input, sig, idKey)
			if (err == nil) != tc.wantOK {
				t.Errorf("signature verifies: %v, want %v", err == nil, tc.wantOK)
			}
		})
	}
}

func TestSignHeaderRefusesAlgorithmsAnRSAKeyCannotUse(t *testing.T) {
	t.Parallel()
	iss, err := NewIssuer()
	if err != nil {
		t.Fatal(err)
	}
	for _, alg := range []string{"ES256", "HS256", "none", "RS999"} {
		if _, err := iss.SignHeader(true, alg, []byte(`{}`), []byte(`{}`)); err == nil {
			t.Errorf("alg %s: signed with an RSA key, want an error", alg)
		}
	}
	if _, err := iss.SignHeader(true, "PS256", []byte(`{}`), []byte(`{}`)); err != nil {
		t.Errorf("alg PS256: %v, want a signature", err)
	}
}
