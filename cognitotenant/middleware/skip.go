package middleware

import "net/http"

// SkipPreflight is a [Skipper] for CORS preflight requests: an OPTIONS
// request with Origin and Access-Control-Request-Method. Browsers never
// attach credentials to a preflight, so authenticating it would break
// every cross-origin call; the CORS layer answers it instead.
func SkipPreflight(r *http.Request) bool {
	return r.Method == http.MethodOptions &&
		r.Header.Get("Origin") != "" &&
		r.Header.Get("Access-Control-Request-Method") != ""
}

// SkipPaths returns a [Skipper] for requests whose URL path equals one of
// paths exactly, such as "/healthz". Prefixes do not match, so a new
// route below a skipped path is never public by accident.
//
// A request is skipped only when every router reads its path the same
// way: r.URL.RawPath must be empty or equal to r.URL.Path. RawPath is set
// when the client escaped the path in a non-canonical way ("/%68ealthz",
// "/api%2Fhealthz"). echo, and gin with UseRawPath, route on that escaped
// form, so such a request may reach a protected route while its decoded
// Path names a skipped one; it is authenticated instead. Canonical
// escapes (a space sent as %20) leave RawPath empty and still match.
func SkipPaths(paths ...string) Skipper {
	set := make(map[string]struct{}, len(paths))
	for _, p := range paths {
		set[p] = struct{}{}
	}
	return func(r *http.Request) bool {
		if r.URL.RawPath != "" && r.URL.RawPath != r.URL.Path {
			return false
		}
		_, ok := set[r.URL.Path]
		return ok
	}
}

// AnySkipper returns a [Skipper] that skips when any of skippers does.
func AnySkipper(skippers ...Skipper) Skipper {
	return func(r *http.Request) bool {
		for _, s := range skippers {
			if s(r) {
				return true
			}
		}
		return false
	}
}
