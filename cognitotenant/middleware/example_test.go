package middleware_test

import (
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant"
	"github.com/cognitotenant/cognitotenant-go/cognitotenant/middleware"
	"github.com/cognitotenant/cognitotenant-go/cognitotenant/rbac"
	"github.com/cognitotenant/cognitotenant-go/cognitotenant/testutil"
)

// This example protects a net/http service: every route needs a valid
// ID token, /notes needs the read permission, and /tenants/{tenant}/notes
// answers 404 when the path names a tenant other than the token's. The
// test issuer stands in for a Cognito user pool.
func ExampleAuthenticator_Handler() {
	iss, err := testutil.NewIssuer()
	if err != nil {
		log.Fatal(err)
	}
	keys := testutil.NewJWKSServer(iss)
	defer keys.Close()

	verifier, err := cognitotenant.New(cognitotenant.Config{
		Pools: []cognitotenant.Pool{{
			UserPoolID: iss.UserPoolID(),
			ClientIDs:  []string{iss.ClientID()},
			TokenUse:   cognitotenant.TokenUseID,
			JWKSURL:    keys.JWKSURL(),
		}},
		TokenCacheSize: cognitotenant.DefaultTokenCacheSize,
	})
	if err != nil {
		log.Fatal(err)
	}
	auth, err := middleware.New(verifier,
		middleware.WithSkipper(middleware.SkipPaths("/healthz")))
	if err != nil {
		log.Fatal(err)
	}

	notes := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tenant, _ := cognitotenant.TenantFromContext(r.Context())
		fmt.Fprintf(w, "notes of %s", tenant)
	})
	mux := http.NewServeMux()
	mux.Handle("GET /notes", auth.Require(middleware.Permission(rbac.PermRead))(notes))
	mux.Handle("GET /tenants/{tenant}/notes", auth.RequireTenantParam("tenant")(notes))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprint(w, "ok")
	})
	handler := auth.Handler(mux)

	token, err := iss.MintID(testutil.User{TenantID: "acme", Groups: []string{"VIEWER"}})
	if err != nil {
		log.Fatal(err)
	}
	for _, c := range []struct{ path, token string }{
		{"/notes", token},
		{"/notes", ""},
		{"/tenants/acme/notes", token},
		{"/tenants/globex/notes", token},
		{"/healthz", ""},
	} {
		req := httptest.NewRequest(http.MethodGet, c.path, nil)
		if c.token != "" {
			req.Header.Set("Authorization", "Bearer "+c.token)
		}
		rec := httptest.NewRecorder()
		handler.ServeHTTP(rec, req)
		fmt.Println(c.path, rec.Code, rec.Header().Get("WWW-Authenticate"), summary(rec))
	}
	// Output:
	// /notes 200  notes of acme
	// /notes 401 Bearer realm="api" code=missing_token
	// /tenants/acme/notes 200  notes of acme
	// /tenants/globex/notes 404  code=not_found
	// /healthz 200  ok
}

// This example writes refusals in a service's own error format. The
// status and the WWW-Authenticate and Retry-After headers are already
// decided; the handler only chooses the body.
func ExampleWithErrorHandler() {
	iss, err := testutil.NewIssuer()
	if err != nil {
		log.Fatal(err)
	}
	verifier, err := cognitotenant.New(cognitotenant.Config{
		Pools: []cognitotenant.Pool{{
			UserPoolID: iss.UserPoolID(),
			ClientIDs:  []string{iss.ClientID()},
			TokenUse:   cognitotenant.TokenUseID,
			StaticJWKS: iss.JWKS(),
		}},
	})
	if err != nil {
		log.Fatal(err)
	}
	auth, err := middleware.New(verifier, middleware.WithErrorHandler(
		func(w http.ResponseWriter, _ *http.Request, r *middleware.Refusal) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(r.Status)
			fmt.Fprintf(w, `{"error":{"code":%q}}`, r.Code)
		}))
	if err != nil {
		log.Fatal(err)
	}
	handler := auth.Handler(http.NotFoundHandler())

	req := httptest.NewRequest(http.MethodGet, "/notes", nil)
	req.Header.Set("Authorization", "Basic dXNlcjpwYXNz")
	rec := httptest.NewRecorder()
	handler.ServeHTTP(rec, req)
	fmt.Println(rec.Code, rec.Header().Get("WWW-Authenticate"), rec.Body)
	// Output:
	// 401 Bearer realm="api" {"error":{"code":"unsupported_scheme"}}
}

// summary returns "code=<code>" for a problem body, else the body.
func summary(rec *httptest.ResponseRecorder) string {
	if rec.Header().Get("Content-Type") != "application/problem+json" {
		return rec.Body.String()
	}
	var p problemBody
	if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil {
		return "undecodable body"
	}
	return "code=" + p.Code
}
