package server

import (
	"net/http"
	"net/mail"
	"time"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant"
	"github.com/cognitotenant/cognitotenant-go/cognitotenant/rbac"
	"github.com/cognitotenant/cognitotenant-go/examples/notes-api/internal/auth"
	"github.com/cognitotenant/cognitotenant-go/examples/notes-api/internal/store"
)

// groupRoles are the roles an API caller may name, by their Cognito group.
// The platform group is absent on purpose: no API flow grants it.
var groupRoles = map[string]rbac.Role{
	rbac.GroupAdmin:  rbac.RoleAdmin,
	rbac.GroupEditor: rbac.RoleEditor,
	rbac.GroupViewer: rbac.RoleViewer,
}

type meJSON struct {
	Subject  string   `json:"subject"`
	Username string   `json:"username"`
	Email    string   `json:"email"`
	Tenant   string   `json:"tenant"`
	Groups   []string `json:"groups"`
	// Role is the highest tenant role the groups confer, "" for none.
	Role string `json:"role"`
}

type userJSON struct {
	Username  string    `json:"username"`
	Subject   string    `json:"subject,omitempty"`
	Email     string    `json:"email"`
	Groups    []string  `json:"groups"`
	Status    string    `json:"status"`
	Enabled   bool      `json:"enabled"`
	CreatedAt time.Time `json:"created_at,omitzero"`
}

// newUserInput is the body of POST /api/v1/users. Password is optional: a
// temporary password the new user replaces at first sign-in; without it
// Cognito emails an invitation.
type newUserInput struct {
	Email    string `json:"email"`
	Role     string `json:"role"`
	Password string `json:"temporary_password,omitempty"`
}

func (s *Server) handleMe(w http.ResponseWriter, r *http.Request) {
	t, ok := s.tenant(w, r)
	if !ok {
		return
	}
	c, _ := cognitotenant.FromContext(r.Context())
	role, _ := s.policy.HighestRole(rbac.PrincipalFromClaims(c))
	groups := c.Groups
	if groups == nil {
		groups = []string{}
	}
	writeJSON(w, http.StatusOK, meJSON{
		Subject: c.Subject, Username: c.Username, Email: c.Email,
		Tenant: t.String(), Groups: groups, Role: string(role),
	})
}

func (s *Server) handleListUsers(w http.ResponseWriter, r *http.Request) {
	t, ok := s.tenant(w, r)
	if !ok {
		return
	}
	users, err := s.identity.ListUsers(r.Context(), t.String())
	if err != nil {
		s.writeAuthError(w, r, err)
		return
	}
	out := struct {
		Users []userJSON `json:"users"`
	}{Users: make([]userJSON, 0, len(users))}
	for _, u := range users {
		out.Users = append(out.Users, toUserJSON(u))
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) handleCreateUser(w http.ResponseWriter, r *http.Request) {
	t, ok := s.tenant(w, r)
	if !ok {
		return
	}
	var in newUserInput
	if !s.decodeBody(w, r, &in) {
		return
	}
	role, ok := parseNewUser(w, in.Email, in.Role)
	if !ok {
		return
	}
	c, _ := cognitotenant.FromContext(r.Context())
	if d := s.policy.CanGrant(rbac.PrincipalFromClaims(c), role); !d.Allowed {
		s.log.WarnContext(r.Context(), "security: role grant refused",
			"tenant", t.String(), "decision", d)
		writeProblem(w, http.StatusForbidden, codeRoleTooHigh,
			"You may grant only roles at or below your own.")
		return
	}
	// TODO(notes-api): the email is the pool-wide Cognito username, so the
	// 409 for an email taken in another tenant tells this tenant's admin
	// that the account exists there. Fixing it needs per-tenant sign-in
	// names or a pool per tenant; docs/security-model.md states the limit.
	u, err := s.identity.CreateUser(r.Context(), t.String(), auth.NewUser{
		Email: in.Email, Group: in.Role, Password: in.Password,
	})
	if err != nil {
		s.writeAuthError(w, r, err)
		return
	}
	s.audit(r, t, store.AuditEntry{
		ActorSub: c.Subject, ActorKind: store.ActorTenant,
		Action: "user.create", ObjectID: u.Username,
	})
	writeJSON(w, http.StatusCreated, toUserJSON(u))
}

// parseNewUser checks an email and a role named by its group, answering
// 400 for either being bad.
func parseNewUser(w http.ResponseWriter, email, group string) (rbac.Role, bool) {
	if a, err := mail.ParseAddress(email); err != nil || a.Address != email {
		writeProblem(w, http.StatusBadRequest, codeInvalidRequest,
			"email must be a plain email address.")
		return "", false
	}
	role, ok := groupRoles[group]
	if !ok {
		writeProblem(w, http.StatusBadRequest, codeInvalidRequest,
			"role must be ADMIN, EDITOR or VIEWER.")
		return "", false
	}
	return role, true
}

// audit records e, logging rather than failing when it cannot: the action
// it describes has already happened.
func (s *Server) audit(r *http.Request, t store.TenantID, e store.AuditEntry) {
	if err := s.store.RecordAudit(r.Context(), t, e); err != nil {
		s.log.ErrorContext(r.Context(), "audit failed", "action", e.Action,
			"tenant", t.String(), "err", err)
	}
}

func toUserJSON(u auth.User) userJSON {
	groups := u.Groups
	if groups == nil {
		groups = []string{}
	}
	return userJSON{
		Username: u.Username, Subject: u.Subject, Email: u.Email, Groups: groups,
		Status: u.Status, Enabled: u.Enabled, CreatedAt: u.CreatedAt,
	}
}
