package ginmw

import (
	"github.com/gin-gonic/gin"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant/middleware"
)

// Authenticate returns gin middleware that authenticates each request with
// a. On refusal it writes the response through a's error handler and
// aborts the chain, so no later handler runs. Otherwise it replaces
// c.Request with one whose context carries the claims: handlers read
// them with cognitotenant.FromContext(c.Request.Context()). It is safe
// for concurrent use.
func Authenticate(a *middleware.Authenticator) gin.HandlerFunc {
	return func(c *gin.Context) {
		req, ref := a.Authenticate(c.Request)
		if ref != nil {
			refuse(c, a, ref)
			return
		}
		c.Request = req
		c.Next()
	}
}

// refuse writes ref and stops the chain.
func refuse(c *gin.Context, a *middleware.Authenticator, ref *middleware.Refusal) {
	a.Refuse(c.Writer, c.Request, ref)
	c.Abort()
}
