// Package echomw adapts the cognitotenant middleware to echo v4.
//
// The rules live in a *middleware.Authenticator shared with net/http and
// gin; this package only translates: [Authenticate] verifies the token
// and sets a request whose context carries the claims, [Require] and
// [RequireTenantParam] check a route's requirements, and every refusal is
// written by the Authenticator itself. Refusals are not returned as
// echo.HTTPError values, because echo's error handler would rewrite their
// status, headers and body.
//
// Handlers read the identity with
// cognitotenant.FromContext(c.Request().Context()).
package echomw
