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
