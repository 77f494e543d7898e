package server

import (
	"net/http"
	"strings"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant/rbac"
	"github.com/cognitotenant/cognitotenant-go/examples/notes-api/internal/apidocs"
)

// Access says what a route asks of its caller before its handler runs.
type Access int

// The kinds of access a route declares. The zero value is no declaration,
// which the route inventory test refuses.
const (
	// AccessPublic routes run for anyone: sign-in, health, documentation.
	AccessPublic Access = iota + 1
	// AccessToken routes need a verified token of a registered, active
	// tenant, with no particular role.
	AccessToken
	// AccessPermission routes need a verified token whose roles grant
	// Route.Permission in the token's tenant.
	AccessPermission
	// AccessInternal routes need the internal API token and are served
	// only on the internal listener.
	AccessInternal
)

// String names the access kind as the OpenAPI document and logs show it.
func (a Access) String() string {
	switch a {
	case AccessPublic:
		return "public"
	case AccessToken:
		return "token"
	case AccessPermission:
		return "permission"
	case AccessInternal:
		return "internal"
	}
	return "undeclared"
}

// Listener names the listener a route is served on.
type Listener string

// The service's two listeners.
const (
	ListenerPublic   Listener = "public"
	ListenerInternal Listener = "internal"
)

// Route describes one registered route.
type Route struct {
	// Method and Pattern are the http.ServeMux pattern's two halves.
	Method  string
	Pattern string
	// Listener is where the route is served.
	Listener Listener
	// Access is what the caller needs; Permission is set exactly when
	// Access is AccessPermission.
	Access     Access
	Permission rbac.Permission
}

// entry is a route with its handler; Routes and the muxes read one table.
type entry struct {
	Route
	handler http.HandlerFunc
}

func (s *Server) table() []entry {
	pub := func(m, p string, h http.HandlerFunc) entry {
		return entry{Route{m, p, ListenerPublic, AccessPublic, ""}, h}
	}
	tok := func(m, p string, h http.HandlerFunc) entry {
		return entry{Route{m, p, ListenerPublic, AccessToken, ""}, h}
	}
	perm := func(m, p string, pm rbac.Permission, h http.HandlerFunc) entry {
		return entry{Route{m, p, ListenerPublic, AccessPermission, pm}, h}
	}
	t := []entry{
		pub("POST", "/api/v1/auth/token", s.handleToken),
		pub("POST", "/api/v1/auth/challenge", s.handleChallenge),
		pub("POST", "/api/v1/auth/refresh", s.handleRefresh),
		tok("GET", "/api/v1/me", s.handleMe),
		perm("GET", "/api/v1/notes", rbac.PermRead, s.handleListNotes),
		perm("POST", "/api/v1/notes", rbac.PermCreate, s.handleCreateNote),
		perm("GET", "/api/v1/notes/{id}", rbac.PermRead, s.handleGetNote),
		perm("PUT", "/api/v1/notes/{id}", rbac.PermUpdate, s.handleUpdateNote),
		perm("DELETE", "/api/v1/notes/{id}", rbac.PermDelete, s.handleDeleteNote),
		perm("GET", "/api/v1/users", rbac.PermManageUsers, s.handleListUsers),
		perm("POST", "/api/v1/users", rbac.PermManageUsers, s.handleCreateUser),
		pub("GET", "/healthz", s.handleHealth),
		pub("GET", "/readyz", s.handleReady),
		{Route{"POST", "/internal/v1/tenants/{tenant_id}/users", ListenerInternal,
			AccessInternal, ""}, s.handleInternalCreateUser},
		{Route{"GET", "/healthz", ListenerInternal, AccessPublic, ""}, s.handleHealth},
	}
	// Each listener serves the OpenAPI document of its own routes, and
	// Swagger UI over it.
	for _, pattern := range apidocs.Routes() {
		method, path, _ := strings.Cut(pattern, " ")
		t = append(t,
			entry{Route{method, path, ListenerPublic, AccessPublic, ""}, s.handlePublicDocs},
			entry{Route{method, path, ListenerInternal, AccessPublic, ""},
				s.handleInternalDocs})
	}
	return t
}

// Routes lists every route the service registers, on both listeners, in
// registration order. The OpenAPI consistency test and the route inventory
// test read it; the muxes are built from the same table, so the list cannot
// drift from what is served.
func Routes() []Route {
	var s *Server // method values of a nil *Server are never called here
	t := s.table()
	out := make([]Route, len(t))
	for i, e := range t {
		out[i] = e.Route
	}
	return out
}
