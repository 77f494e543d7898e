package echomw

import (
	"github.com/labstack/echo/v4"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant/middleware"
)

// Authenticate returns echo middleware that authenticates each request
// with a. On refusal it writes the response through a's error handler
// and returns nil without calling next, so echo's own error handler does
// not rewrite the answer. Otherwise it sets a request whose context
// carries the claims: handlers read them with
// cognitotenant.FromContext(c.Request().Context()). It is safe for
// concurrent use.
func Authenticate(a *middleware.Authenticator) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			req, ref := a.Authenticate(c.Request())
			if ref != nil {
				a.Refuse(c.Response(), c.Request(), ref)
				return nil
			}
			c.SetRequest(req)
			return next(c)
		}
	}
}

// Require returns echo middleware that calls next only when every
// requirement allows it for the claims set by [Authenticate], which must
// run first; otherwise it writes the refusal and returns nil. It panics
// when a.Validate rejects reqs, a wiring mistake that must stop start-up.
func Require(a *middleware.Authenticator, reqs ...middleware.Requirement) echo.MiddlewareFunc {
	if err := a.Validate(reqs...); err != nil {
		panic(err)
	}
	reqs = append([]middleware.Requirement(nil), reqs...)
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if ref := a.Authorize(c.Request(), reqs...); ref != nil {
				a.Refuse(c.Response(), c.Request(), ref)
				return nil
			}
			return next(c)
		}
	}
}

// RequireTenantParam returns echo middleware that compares the path
// parameter name (c.Param) with the token's tenant and answers 404 on a
// mismatch, as a.CheckTenant does. [Authenticate] must run first. It
// panics when name is empty.
func RequireTenantParam(a *middleware.Authenticator, name string) echo.MiddlewareFunc {
	if name == "" {
		panic("echomw: empty tenant parameter name")
	}
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if ref := a.CheckTenant(c.Request(), c.Param(name)); ref != nil {
				a.Refuse(c.Response(), c.Request(), ref)
				return nil
			}
			return next(c)
		}
	}
}
