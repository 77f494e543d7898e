// Package server is the notes service's HTTP layer: the public API, the
// internal API, their routes and handlers, problem+json errors and one
// structured log line per request.
//
// The tenant of every tenant-scoped request comes from the verified token
// alone. A tenant named anywhere else is compared, never used: a mismatched
// X-Tenant-Id header or tenant_id query parameter is refused with 403, and
// a tenant_id field in a body is an unknown field, refused with 400.
package server

import (
	"context"
	"errors"
	"log/slog"
	"net/http"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant/middleware"
	"github.com/cognitotenant/cognitotenant-go/cognitotenant/rbac"
	"github.com/cognitotenant/cognitotenant-go/examples/notes-api/internal/apidocs"
	"github.com/cognitotenant/cognitotenant-go/examples/notes-api/internal/store"
)

// Store is the storage the handlers use; store.Store implements it.
type Store interface {
	CreateNote(ctx context.Context, t store.TenantID, createdBy, content string) (store.Note,
		error)
	GetNote(ctx context.Context, t store.TenantID, id string) (store.Note, error)
	ListNotes(ctx context.Context, t store.TenantID, opt store.ListOptions) (store.Page, error)
	UpdateNote(ctx context.Context, t store.TenantID, id, content string,
		version int64) (store.Note, error)
	DeleteNote(ctx context.Context, t store.TenantID, id string) error
	EnsureTenant(ctx context.Context, t store.TenantID, name string) error
	Tenant(ctx context.Context, t store.TenantID) (store.Tenant, error)
	RecordAudit(ctx context.Context, t store.TenantID, e store.AuditEntry) error
	Ping(ctx context.Context) error
}

// Deps are what a Server is built from; all are required.
type Deps struct {
	Logger *slog.Logger
	// Auth authenticates bearer tokens and decides permissions; it must
	// use Policy.
	Auth   *middleware.Authenticator
	Policy *rbac.Policy
	// Identity signs users in and manages them.
	Identity Identity
	Store    Store
	// KeysReady reports whether the token signing keys can be had; /readyz
	// calls it.
	KeysReady func(context.Context) error
	// InternalToken is the bearer secret of the internal API.
	InternalToken string
}

// Server holds the service's handlers. It is safe for concurrent use.
type Server struct {
	log           *slog.Logger
	auth          *middleware.Authenticator
	policy        *rbac.Policy
	identity      Identity
	store         Store
	keysReady     func(context.Context) error
	publicDocs    http.Handler
	internalDocs  http.Handler
	internalToken []byte
}

// ErrConfig reports missing Deps.
var ErrConfig = errors.New("server: incomplete dependencies")

// New returns a Server over d, or ErrConfig when a required dependency is
// missing. It validates every route's permission against the policy, so a
// route needing an undeclared permission stops start-up.
func New(d Deps) (*Server, error) {
	if d.Logger == nil || d.Auth == nil || d.Policy == nil || d.Identity == nil ||
		d.Store == nil || d.KeysReady == nil || d.InternalToken == "" {
		return nil, ErrConfig
	}
	for _, r := range Routes() {
		if r.Access == AccessPermission {
			if err := d.Auth.Validate(middleware.Permission(r.Permission)); err != nil {
				return nil, err
			}
		}
	}
	return &Server{
		log:           d.Logger,
		auth:          d.Auth,
		policy:        d.Policy,
		identity:      d.Identity,
		store:         d.Store,
		keysReady:     d.KeysReady,
		publicDocs:    apidocs.NewHandler(apidocs.Public()),
		internalDocs:  apidocs.NewHandler(apidocs.Internal()),
		internalToken: []byte(d.InternalToken),
	}, nil
}

// Public returns the handler of the public listener.
func (s *Server) Public() http.Handler { return s.mux(ListenerPublic) }

// Internal returns the handler of the internal listener. Serve it only
// where the platform's own tools can reach it.
func (s *Server) Internal() http.Handler { return s.mux(ListenerInternal) }

func (s *Server) mux(l Listener) http.Handler {
	mux := http.NewServeMux()
	for _, e := range s.table() {
		if e.Listener == l {
			mux.Handle(e.Method+" "+e.Pattern, s.guard(e))
		}
	}
	return logRequests(s.log, string(l), problemFallback(mux))
}

// problemFallback lets mux answer unmatched requests as it would (404, or
// 405 with Allow), but with a problem+json body like every other error.
func problemFallback(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h, pattern := mux.Handler(r)
		if pattern != "" {
			mux.ServeHTTP(w, r)
			return
		}
		probe := &discardWriter{header: http.Header{}}
		h.ServeHTTP(probe, r)
		if allow := probe.header.Get("Allow"); allow != "" {
			w.Header().Set("Allow", allow)
		}
		switch probe.status {
		case http.StatusMethodNotAllowed:
			writeProblem(w, probe.status, codeMethodNotAllowed,
				"The route does not accept this method.")
		case 0, http.StatusNotFound:
			writeProblem(w, http.StatusNotFound, codeNotFound, "No such route.")
		default:
			// Redirects to a cleaned path and the like.
			for k, v := range probe.header {
				w.Header()[k] = v
			}
			w.WriteHeader(probe.status)
		}
	})
}

// discardWriter records the status and headers a handler writes.
type discardWriter struct {
	header http.Header
	status int
}

func (d *discardWriter) Header() http.Header { return d.header }

func (d *discardWriter) Write(b []byte) (int, error) { return len(b), nil }

func (d *discardWriter) WriteHeader(code int) {
	if d.status == 0 {
		d.status = code
	}
}

// guard wraps a route's handler in what its Access declares. Order
// matters: authenticate, record who for the log line, refuse a smuggled
// tenant, check the permission, then the tenant's registration.
func (s *Server) guard(e entry) http.Handler {
	h := http.Handler(e.handler)
	switch e.Access {
	case AccessPublic:
		return h
	case AccessInternal:
		return s.requireInternalToken(h)
	case AccessPermission:
		h = s.requireActiveTenant(h)
		h = s.auth.Require(middleware.Permission(e.Permission))(h)
	case AccessToken:
		h = s.requireActiveTenant(h)
	default:
		panic("server: route " + e.Method + " " + e.Pattern + " declares no access")
	}
	return s.auth.Handler(recordIdentity(s.refuseForeignTenant(h)))
}
