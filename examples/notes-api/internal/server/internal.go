package server

import (
	"crypto/subtle"
	"net/http"
	"strings"

	"github.com/cognitotenant/cognitotenant-go/examples/notes-api/internal/auth"
	"github.com/cognitotenant/cognitotenant-go/examples/notes-api/internal/store"
)

// platformActor is the audit log's name for the internal API's caller: its
// token names a platform, not a person.
const platformActor = "internal-api"

// internalUserInput is the body of the internal create-user route. The
// password becomes the user's permanent password.
type internalUserInput struct {
	Email    string `json:"email"`
	Password string `json:"password"`
	Role     string `json:"role"`
}

type internalUserJSON struct {
	userJSON
	TenantID string `json:"tenant_id"`
}

// requireInternalToken lets a request through only with the internal API
// token as its bearer credential, compared in constant time.
func (s *Server) requireInternalToken(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		scheme, tok, _ := strings.Cut(r.Header.Get("Authorization"), " ")
		if !strings.EqualFold(scheme, "Bearer") ||
			subtle.ConstantTimeCompare([]byte(strings.TrimSpace(tok)), s.internalToken) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="internal"`)
			writeProblem(w, http.StatusUnauthorized, codeUnauthorized,
				"The internal API token is required.")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// handleInternalCreateUser creates a confirmed user in the tenant the path
// names, registering the tenant if it is new. It is the platform's door
// into any tenant, so every call leaves an audit row in that tenant.
func (s *Server) handleInternalCreateUser(w http.ResponseWriter, r *http.Request) {
	t, err := store.ParseTenantID(r.PathValue("tenant_id"))
	if err != nil {
		writeProblem(w, http.StatusBadRequest, codeInvalidRequest,
			"tenant_id must be 1-64 letters, digits, '-' or '_', starting alphanumeric.")
		return
	}
	noteTarget(r.Context(), t.String(), platformActor)
	var in internalUserInput
	if !s.decodeBody(w, r, &in) {
		return
	}
	if _, ok := parseNewUser(w, in.Email, in.Role); !ok {
		return
	}
	if in.Password == "" {
		writeProblem(w, http.StatusBadRequest, codeInvalidRequest, "password is required.")
		return
	}
	if err := s.store.EnsureTenant(r.Context(), t, t.String()); err != nil {
		s.internalError(w, r, "ensure tenant", err)
		return
	}
	u, err := s.identity.CreateUser(r.Context(), t.String(), auth.NewUser{
		Email: in.Email, Group: in.Role, Password: in.Password, Permanent: true,
	})
	if err != nil {
		s.writeAuthError(w, r, err)
		return
	}
	s.audit(r, t, store.AuditEntry{
		ActorSub: platformActor, ActorKind: store.ActorPlatform,
		Action: "user.create", ObjectID: u.Username, Reason: "internal API",
	})
	s.log.InfoContext(r.Context(), "platform created user", "tenant", t.String(),
		"role", in.Role)
	writeJSON(w, http.StatusCreated, internalUserJSON{toUserJSON(u), t.String()})
}
