package cognitotenant

import "context"

// claimsKey is the unexported context key for verified claims, so no other
// package can store or overwrite them.
type claimsKey struct{}

// NewContext returns a copy of ctx that carries c. Middleware calls it
// after a token verified; handlers read the claims back with FromContext.
func NewContext(ctx context.Context, c *Claims) context.Context {
	return context.WithValue(ctx, claimsKey{}, c)
}

// FromContext returns the verified claims stored in ctx by NewContext, and
// false when there are none.
func FromContext(ctx context.Context) (*Claims, bool) {
	c, ok := ctx.Value(claimsKey{}).(*Claims)
	return c, ok && c != nil
}

// TenantFromContext returns the tenant of the verified claims in ctx, and
// false when there are no claims or their tenant is empty. A caller that
// gets false must refuse the request: there is no default tenant.
func TenantFromContext(ctx context.Context) (string, bool) {
	c, ok := FromContext(ctx)
	if !ok || c.TenantID == "" {
		return "", false
	}
	return c.TenantID, true
}
