package server

import (
	"context"
	"errors"
	"net/http"

	"github.com/cognitotenant/cognitotenant-go/examples/notes-api/internal/auth"
)

// Identity is the identity provider as the handlers use it; *auth.Client
// implements it. Implementations must be safe for concurrent use.
type Identity interface {
	Login(ctx context.Context, username, password string) (auth.Result, error)
	RespondNewPassword(ctx context.Context, username, session,
		newPassword string) (auth.Result, error)
	Refresh(ctx context.Context, refreshToken, username string) (auth.Tokens, error)
	CreateUser(ctx context.Context, tenant string, u auth.NewUser) (auth.User, error)
	ListUsers(ctx context.Context, tenant string) ([]auth.User, error)
}

type tokenRequest struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

type challengeRequest struct {
	Username    string `json:"username"`
	Session     string `json:"session"`
	NewPassword string `json:"new_password"`
}

type refreshRequest struct {
	RefreshToken string `json:"refresh_token"`
	// Username is needed only when the app client has a secret.
	Username string `json:"username,omitempty"`
}

type tokenResponse struct {
	IDToken      string `json:"id_token"`
	AccessToken  string `json:"access_token"`
	RefreshToken string `json:"refresh_token,omitempty"`
	ExpiresIn    int32  `json:"expires_in"`
	TokenType    string `json:"token_type"`
}

// challengeResponse is the documented answer to a login that Cognito
// completes only after a challenge: 200 with no tokens, and what
// POST /api/v1/auth/challenge needs to answer it.
type challengeResponse struct {
	ChallengeName string `json:"challenge_name"`
	Session       string `json:"session"`
	Username      string `json:"username"`
}

// handleToken signs a user in with their password.
//
// TODO(notes-api): sign-in has no rate limit of its own; Cognito's
// throttling (429) is the only brake on password guessing. Put a
// per-username and per-address limiter in front of it for production.
func (s *Server) handleToken(w http.ResponseWriter, r *http.Request) {
	var req tokenRequest
	if !s.decodeBody(w, r, &req) {
		return
	}
	if req.Username == "" || req.Password == "" {
		writeProblem(w, http.StatusBadRequest, codeInvalidRequest,
			"username and password are required.")
		return
	}
	res, err := s.identity.Login(r.Context(), req.Username, req.Password)
	s.writeAuthResult(w, r, res, err)
}

func (s *Server) handleChallenge(w http.ResponseWriter, r *http.Request) {
	var req challengeRequest
	if !s.decodeBody(w, r, &req) {
		return
	}
	if req.Username == "" || req.Session == "" || req.NewPassword == "" {
		writeProblem(w, http.StatusBadRequest, codeInvalidRequest,
			"username, session and new_password are required.")
		return
	}
	res, err := s.identity.RespondNewPassword(r.Context(), req.Username, req.Session,
		req.NewPassword)
	s.writeAuthResult(w, r, res, err)
}

func (s *Server) handleRefresh(w http.ResponseWriter, r *http.Request) {
	var req refreshRequest
	if !s.decodeBody(w, r, &req) {
		return
	}
	if req.RefreshToken == "" {
		writeProblem(w, http.StatusBadRequest, codeInvalidRequest,
			"refresh_token is required.")
		return
	}
	t, err := s.identity.Refresh(r.Context(), req.RefreshToken, req.Username)
	if err != nil {
		s.writeAuthError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toTokenResponse(t))
}

func (s *Server) writeAuthResult(w http.ResponseWriter, r *http.Request, res auth.Result,
	err error) {
	switch {
	case err != nil:
		s.writeAuthError(w, r, err)
	case res.Tokens != nil:
		writeJSON(w, http.StatusOK, toTokenResponse(*res.Tokens))
	case res.Challenge != nil:
		writeJSON(w, http.StatusOK, challengeResponse{
			ChallengeName: res.Challenge.Name,
			Session:       res.Challenge.Session,
			Username:      res.Challenge.Username,
		})
	default:
		s.writeAuthError(w, r, auth.ErrProvider)
	}
}

func toTokenResponse(t auth.Tokens) tokenResponse {
	typ := t.TokenType
	if typ == "" {
		typ = "Bearer"
	}
	return tokenResponse{
		IDToken:      t.IDToken,
		AccessToken:  t.AccessToken,
		RefreshToken: t.RefreshToken,
		ExpiresIn:    t.ExpiresIn,
		TokenType:    typ,
	}
}

// identityErrors maps the auth package's errors to responses. Unknown
// users and wrong passwords share one answer so logins cannot probe which
// accounts exist.
var identityErrors = []struct {
	err    error
	status int
	code   string
	detail string
}{
	{auth.ErrInvalidCredentials, 401, codeInvalidCredentials,
		"The credentials are not valid."},
	{auth.ErrUserNotConfirmed, 403, codeUserNotConfirmed,
		"The account is not confirmed."},
	{auth.ErrPasswordResetRequired, 403, codePasswordReset,
		"The password must be reset before signing in."},
	{auth.ErrInvalidPassword, 400, codeInvalidPassword,
		"The password does not meet the user pool's policy."},
	{auth.ErrUnsupportedChallenge, 403, codeUnsupportedChall,
		"The account needs a sign-in step this service does not support."},
	{auth.ErrUserExists, 409, codeUserExists, "A user with that email exists."},
	{auth.ErrInvalidInput, 400, codeInvalidRequest,
		"The identity provider refused the request's values."},
	{auth.ErrRateLimited, 429, codeRateLimited, "Too many requests; retry later."},
}

func (s *Server) writeAuthError(w http.ResponseWriter, r *http.Request, err error) {
	for _, m := range identityErrors {
		if errors.Is(err, m.err) {
			s.log.DebugContext(r.Context(), "identity provider refused",
				"route", routeOf(r), "err", err)
			writeProblem(w, m.status, m.code, m.detail)
			return
		}
	}
	s.log.ErrorContext(r.Context(), "identity provider failed",
		"route", routeOf(r), "err", err)
	writeProblem(w, http.StatusBadGateway, codeProvider,
		"The identity provider could not complete the request.")
}
