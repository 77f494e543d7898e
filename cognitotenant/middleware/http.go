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
