package jose

import (
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"errors"
	"testing"

	"github.com/lestrrat-go/jwx/v2/jwk"
)

func rsaJWK(t testing.TB, bits int, fields map[string]any) json.RawMessage {
	t.Helper()
	priv, err := rsa.GenerateKey(rand.Reader, bits)
	if err != nil {
		t.Fatal(err)
	}
	k, err := jwk.FromRaw(priv.Public())
	if err != nil {
		t.Fatal(err)
	}
	for name, v := range fields {
		if err := k.Set(name, v); err != nil {
			t.Fatal(err)
		}
	}
	b, err := json.Marshal(k)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestParseSet(t *testing.T) {
	t.Parallel()
	good := rsaJWK(t, 2048, map[string]any{"kid": "good", "alg": "RS256", "use": "sig"})
	tests := []struct {
		name    string
		keys    []json.RawMessage
		usable  []string
		skipped map[string]SkipReason
		err     error
	}{
		{name: "rs256_key_is_usable", keys: []json.RawMessage{good}, usable: []string{"good"}},
		{name: "key_without_alg_or_use_is_usable",
			keys:   []json.RawMessage{rsaJWK(t, 2048, map[string]any{"kid": "bare"})},
			usable: []string{"bare"}},
		{name: "weak_key_is_skipped", keys: []json.RawMessage{good,
			rsaJWK(t, 1024, map[string]any{"kid": "weak"})}, usable: []string{"good"},
			skipped: map[string]SkipReason{"weak": SkipUnusable}},
		{name: "rs512_key_is_skipped_as_algorithm", keys: []json.RawMessage{good,
			rsaJWK(t, 2048, map[string]any{"kid": "rs512", "alg": "RS512"})},
			usable: []string{"good"}, skipped: map[string]SkipReason{"rs512": SkipAlgorithm}},
		{name: "key_without_kid_is_dropped", keys: []json.RawMessage{good,
			rsaJWK(t, 2048, nil)}, usable: []string{"good"}},
		{name: "only_unusable_keys_is_an_error", keys: []json.RawMessage{
			rsaJWK(t, 2048, map[string]any{"kid": "enc", "use": "enc"})},
			skipped: map[string]SkipReason{"enc": SkipUnusable}, err: ErrNoUsableKey},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			doc, _ := json.Marshal(map[string]any{"keys": tt.keys})
			set, err := ParseSet(doc)
			if !errors.Is(err, tt.err) {
				t.Fatalf("ParseSet: %v, want %v", err, tt.err)
			}
			var got []string
			for _, k := range set.Keys {
				got = append(got, k.ID)
			}
			if len(got) != len(tt.usable) || (len(got) > 0 && got[0] != tt.usable[0]) {
				t.Fatalf("usable %v, want %v", got, tt.usable)
			}
			for kid, r := range tt.skipped {
				if set.Skipped[kid] != r {
					t.Fatalf("skipped[%s] = %v, want %v", kid, set.Skipped[kid], r)
				}
			}
		})
	}

	t.Run("document_that_is_not_a_set_is_an_error", func(t *testing.T) {
		t.Parallel()
		if _, err := ParseSet([]byte(`<html>`)); err == nil {
			t.Fatal("garbage parsed")
		}
	})
}

// FuzzParseSet checks that no document panics the parser and that every
// key it returns is fit for RS256.
func FuzzParseSet(f *testing.F) {
	f.Add([]byte(`{"keys":[` + string(rsaJWK(f, 2048, map[string]any{"kid": "a"})) + `]}`))
	f.Add([]byte(`{"keys":[{"kty":"RSA","kid":"x","n":"AQAB","e":"AQAB"}]}`))
	f.Add([]byte(`{"keys":null}`))
	f.Fuzz(func(t *testing.T, doc []byte) {
		set, err := ParseSet(doc)
		if err != nil {
			return
		}
		for _, k := range set.Keys {
			if k.ID == "" || k.Public.N.BitLen() < MinRSABits {
				t.Fatalf("unfit key returned: kid %q, %d bits", k.ID, k.Public.N.BitLen())
			}
		}
	})
}
