package server

import (
	"context"
	"errors"
	"log/slog"
	"net/http"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant"
	"github.com/cognitotenant/cognitotenant-go/examples/notes-api/internal/store"
)

// Where a client might try to name a tenant. They are checks, never
// sources: a value equal to the token's tenant passes, any other refuses.
const (
	tenantHeader = "X-Tenant-Id"
	tenantQuery  = "tenant_id"
)

type tenantKey struct{}

// tenantFrom returns the request's tenant, set by requireActiveTenant.
// Handlers behind it always find one; the bool guards against wiring
// mistakes, which then fail closed.
func tenantFrom(ctx context.Context) (store.TenantID, bool) {
	t, ok := ctx.Value(tenantKey{}).(store.TenantID)
	return t, ok && !t.IsZero()
}

// recordIdentity tells the request's log line who the verified caller is.
func recordIdentity(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if c, ok := cognitotenant.FromContext(r.Context()); ok {
			noteIdentity(r.Context(), c)
		}
		next.ServeHTTP(w, r)
	})
}

// refuseForeignTenant answers 403 when the X-Tenant-Id header or tenant_id
// query parameter names a tenant other than the token's, and logs it as a
// security event. Nothing has been read or written at that point. A value
// equal to the token's tenant passes, so clients that always send their
// own tenant keep working.
func (s *Server) refuseForeignTenant(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		own, ok := cognitotenant.TenantFromContext(r.Context())
		if !ok {
			writeProblem(w, http.StatusUnauthorized, codeUnauthorized,
				"A verified token with a tenant is required.")
			return
		}
		for _, carrier := range []struct {
			kind   string
			values []string
		}{
			{"header", r.Header.Values(tenantHeader)},
			{"query", r.URL.Query()[tenantQuery]},
		} {
			for _, v := range carrier.values {
				if v == own {
					continue
				}
				// The foreign value is not logged: it is attacker input,
				// and naming it would put another tenant's id in our logs.
				s.log.LogAttrs(r.Context(), slog.LevelWarn, "security: tenant mismatch",
					slog.String("carrier", carrier.kind),
					slog.String("tenant", own),
					slog.String("route", routeOf(r)))
				writeProblem(w, http.StatusForbidden, codeTenantMismatch,
					"The request names a tenant other than the token's.")
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// requireActiveTenant turns the token's tenant into a store.TenantID,
// registers a tenant seen for the first time, and refuses a suspended
// one with 403. A tenant exists when the identity provider says so: only
// administrators can set the tenant attribute, so a verified token naming
// a new tenant is an authoritative first sighting, recorded in the audit
// log. Suspension is the registry's to decide.
func (s *Server) requireActiveTenant(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		raw, _ := cognitotenant.TenantFromContext(ctx)
		t, err := store.ParseTenantID(raw)
		if err != nil {
			// The verifier validates the tenant with the same rule; this
			// is the fail-closed path if it ever did not.
			writeProblem(w, http.StatusUnauthorized, codeUnauthorized,
				"The token's tenant is not valid.")
			return
		}
		reg, err := s.store.Tenant(ctx, t)
		if errors.Is(err, store.ErrNotFound) {
			reg, err = s.registerTenant(ctx, t)
		}
		if err != nil {
			s.internalError(w, r, "tenant lookup", err)
			return
		}
		if reg.Status != store.TenantActive {
			writeProblem(w, http.StatusForbidden, codeTenantSuspended,
				"The tenant is suspended.")
			return
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(ctx, tenantKey{}, t)))
	})
}

func (s *Server) registerTenant(ctx context.Context, t store.TenantID) (store.Tenant, error) {
	if err := s.store.EnsureTenant(ctx, t, t.String()); err != nil {
		return store.Tenant{}, err
	}
	sub := ""
	if c, ok := cognitotenant.FromContext(ctx); ok {
		sub = c.Subject
	}
	err := s.store.RecordAudit(ctx, t, store.AuditEntry{
		ActorSub:  "notes-api",
		ActorKind: store.ActorPlatform,
		Action:    "tenant.register",
		ObjectID:  t.String(),
		Reason:    "first verified token, sub " + sub,
	})
	if err != nil {
		return store.Tenant{}, err
	}
	s.log.InfoContext(ctx, "tenant registered", "tenant", t.String())
	return s.store.Tenant(ctx, t)
}

// internalError logs err and answers 500 without any of its text.
func (s *Server) internalError(w http.ResponseWriter, r *http.Request, op string,
	err error) {
	s.log.LogAttrs(r.Context(), slog.LevelError, "request failed",
		slog.String("op", op), slog.String("route", routeOf(r)),
		slog.String("err", err.Error()))
	writeProblem(w, http.StatusInternalServerError, codeInternal, "The request failed.")
}
