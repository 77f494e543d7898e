// Package ginmw adapts the cognitotenant middleware to gin.
//
// The rules live in a *middleware.Authenticator shared with net/http and
// echo; this package only translates: [Authenticate] verifies the token
// and replaces c.Request with one whose context carries the claims,
// [Require] and [RequireTenantParam] check a route's requirements, and
// every refusal is written by the Authenticator and followed by c.Abort,
// so gin answers exactly as net/http and echo do.
//
// Handlers read the identity with
// cognitotenant.FromContext(c.Request.Context()). Pass c.Request.Context()
// rather than c: a *gin.Context only consults its request's context when
// the engine sets ContextWithFallback.
package ginmw
