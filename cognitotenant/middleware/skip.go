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
func SkipPaths(paths ...string) Skipper {
	set := make(map[string]struct{}, len(paths))
	for _, p := range paths {
		set[p] = struct{}{}
	}
	return func(r *http.Request) bool {
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
