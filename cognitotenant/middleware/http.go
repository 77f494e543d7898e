package middleware

import "net/http"

// Handler returns net/http middleware that authenticates each request
// before next runs. On refusal next does not run: the response is the
// refusal written by the error handler. Otherwise next sees the verified
// claims through cognitotenant.FromContext(r.Context()).
func (a *Authenticator) Handler(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		req, ref := a.Authenticate(r)
		if ref != nil {
			a.Refuse(w, r, ref)
			return
		}
		next.ServeHTTP(w, req)
	})
}

// Require returns net/http middleware that lets a request through only
// when every requirement allows it for the claims set by
// [Authenticator.Handler], which must run first. It panics when
// [Authenticator.Validate] rejects reqs: a route needing an undeclared
// role or permission is a wiring mistake that must stop start-up, as a
// bad pattern does in http.ServeMux.
func (a *Authenticator) Require(reqs ...Requirement) func(http.Handler) http.Handler {
	if err := a.Validate(reqs...); err != nil {
		panic(err)
	}
	reqs = append([]Requirement(nil), reqs...)
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if ref := a.Authorize(r, reqs...); ref != nil {
				a.Refuse(w, r, ref)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

// RequireTenantParam returns net/http middleware that compares the path
// wildcard name (r.PathValue, as set by http.ServeMux patterns such as
// "/tenants/{tenant}/notes") with the token's tenant and answers 404 on
// a mismatch; see [Authenticator.CheckTenant]. [Authenticator.Handler]
// must run first. It panics when name is empty.
func (a *Authenticator) RequireTenantParam(name string) func(http.Handler) http.Handler {
	mustParamName(name)
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if ref := a.CheckTenant(r, r.PathValue(name)); ref != nil {
				a.Refuse(w, r, ref)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

// mustParamName panics on an empty parameter name, which would compare
// every request with "" and refuse them all.
func mustParamName(name string) {
	if name == "" {
		panic("cognitotenant/middleware: empty tenant parameter name")
	}
}
