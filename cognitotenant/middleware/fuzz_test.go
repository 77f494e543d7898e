package middleware_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant"
	"github.com/cognitotenant/cognitotenant-go/cognitotenant/middleware"
)

// FuzzAuthorization feeds arbitrary Authorization values to the
// middleware in front of a verifier that knows one token, and checks that
// only that token, sent with the Bearer scheme, is ever let through.
func FuzzAuthorization(f *testing.F) {
	const known = "abc.def.ghi"
	for _, s := range []string{
		"Bearer " + known, "bearer " + known, "BEARER   " + known + " ", "Bearer",
		"Bearer ", "", "Basic " + known, "Bearer " + known + " x", " Bearer " + known,
		"Bearer\t" + known, "Bearer " + strings.Repeat("a", 9000),
	} {
		f.Add(s)
	}
	const maxLen = 64
	f.Fuzz(func(t *testing.T, header string) {
		var seen []string
		v := verifierFunc(func(_ context.Context, tok string) (*cognitotenant.Claims, error) {
			seen = append(seen, tok)
			if tok == known {
				return &cognitotenant.Claims{TenantID: "t"}, nil
			}
			return nil, cognitotenant.NewVerifyError(cognitotenant.ReasonMalformed, nil)
		})
		a, err := middleware.New(v, middleware.WithMaxTokenLength(maxLen))
		if err != nil {
			t.Fatal(err)
		}
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		req.Header["Authorization"] = []string{header}
		rec, ran := serveOnce(a, req)

		switch rec.Code {
		case http.StatusOK, http.StatusBadRequest, http.StatusUnauthorized:
		default:
			t.Fatalf("status %d for %q", rec.Code, header)
		}
		if ran {
			scheme, rest, _ := strings.Cut(header, " ")
			if !strings.EqualFold(scheme, "bearer") || strings.Trim(rest, " \t") != known {
				t.Fatalf("handler ran for %q", header)
			}
		}
		for _, tok := range seen {
			if tok == "" || len(tok) > maxLen || !strings.Contains(header, tok) {
				t.Fatalf("verifier got %q from %q", tok, header)
			}
		}
		if !ran {
			checkFixedBody(t, rec)
		}
	})
}

// fixedDetails are the only detail sentences a refusal may carry.
var fixedDetails = map[string]string{
	"missing_token":      "A bearer token is required.",
	"unsupported_scheme": "Only the Bearer authorization scheme is accepted.",
	"invalid_request":    "The request carries malformed credentials.",
	"invalid_token":      "The bearer token is not valid.",
	"token_expired":      "The bearer token has expired.",
}

// checkFixedBody fails unless a refusal body is built only from fixed
// text, which proves it echoes nothing from the request.
func checkFixedBody(t *testing.T, rec *httptest.ResponseRecorder) {
	t.Helper()
	p := decodeProblem(t, rec)
	detail, ok := fixedDetails[p.Code]
	want := problemBody{Type: "about:blank", Title: http.StatusText(rec.Code),
		Status: rec.Code, Detail: detail, Code: p.Code}
	if !ok || p != want {
		t.Fatalf("body %s is not the fixed body for its code", rec.Body)
	}
}
