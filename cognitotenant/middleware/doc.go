// Package middleware authenticates net/http requests with Cognito tokens
// and puts the verified claims on the request context.
//
// An [Authenticator] holds every rule once: where a token may come from,
// how it is checked before decoding, which status, WWW-Authenticate
// challenge (RFC 6750) and problem body (RFC 9457) each refusal gets, and
// which role, permission, scope or tenant a route requires. The
// [Authenticator.Handler] method wraps a net/http handler; the ginmw and
// echomw subpackages wrap the same Authenticator for gin and echo, so the
// three answer identically and a net/http service never compiles either
// framework.
//
// Handlers read the identity with cognitotenant.FromContext and
// cognitotenant.TenantFromContext on the request's context, whichever
// framework routed the request.
package middleware
