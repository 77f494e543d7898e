package testutil

import (
	"net/http"
	"strings"
)

// serveWellKnown answers GET /<poolId>/.well-known/jwks.json and
// /<poolId>/.well-known/openid-configuration, where Cognito publishes
// them under the issuer.
func (fc *FakeCognito) serveWellKnown(w http.ResponseWriter, r *http.Request) {
	poolID, doc, ok := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/.well-known/")
	fc.mu.Lock()
	p, found := fc.pools[poolID]
	fc.mu.Unlock()
	if !ok || !found {
		http.Error(w, `{"message":"not found"}`, http.StatusNotFound)
		return
	}
	iss := fc.issuerBase(r) + "/" + p.id
	w.Header().Set("Content-Type", "application/json")
	switch doc {
	case "jwks.json":
		_, _ = w.Write(p.keys.JWKS())
	case "openid-configuration":
		_, _ = w.Write([]byte(mustJSON(openIDConfiguration(iss))))
	default:
		http.Error(w, `{"message":"not found"}`, http.StatusNotFound)
	}
}

// openIDConfiguration is the discovery document of a pool with issuer
// iss, limited to what verifiers read.
func openIDConfiguration(iss string) map[string]any {
	return map[string]any{
		"issuer":                                iss,
		"jwks_uri":                              iss + "/.well-known/jwks.json",
		"subject_types_supported":               []string{"public"},
		"response_types_supported":              []string{"code", "token"},
		"id_token_signing_alg_values_supported": []string{"RS256"},
		"scopes_supported": []string{"openid", "email", "phone",
			"profile"},
		"token_endpoint_auth_methods_supported": []string{"client_secret_basic",
			"client_secret_post"},
		"claims_supported": []string{"sub", "iss", "aud", "email", "cognito:username",
			"cognito:groups", "token_use", "auth_time"},
	}
}
