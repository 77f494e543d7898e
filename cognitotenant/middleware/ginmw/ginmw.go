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

// Require returns gin middleware that lets a request continue only when
// every requirement allows it for the claims set by [Authenticate], which
// must run first; otherwise it writes the refusal and aborts. It panics
// when a.Validate rejects reqs, a wiring mistake that must stop start-up.
func Require(a *middleware.Authenticator, reqs ...middleware.Requirement) gin.HandlerFunc {
	if err := a.Validate(reqs...); err != nil {
		panic(err)
	}
	reqs = append([]middleware.Requirement(nil), reqs...)
	return func(c *gin.Context) {
		if ref := a.Authorize(c.Request, reqs...); ref != nil {
			refuse(c, a, ref)
			return
		}
		c.Next()
	}
}

// RequireTenantParam returns gin middleware that compares the path
// parameter name (c.Param) with the token's tenant and answers 404 on a
// mismatch, as a.CheckTenant does. [Authenticate] must run first. It
// panics when name is empty.
func RequireTenantParam(a *middleware.Authenticator, name string) gin.HandlerFunc {
	if name == "" {
		panic("ginmw: empty tenant parameter name")
	}
	return func(c *gin.Context) {
		if ref := a.CheckTenant(c.Request, c.Param(name)); ref != nil {
			refuse(c, a, ref)
			return
		}
		c.Next()
	}
}
