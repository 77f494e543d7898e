package server

import (
	"net/http"
	"strings"
	"testing"
)

func TestAuthRoutes(t *testing.T) {
	t.Parallel()
	h := newHarness(t, harnessOptions{identity: true})
	h.seedUser("ann@example.com", h.a, "ADMIN")
	good := map[string]any{"username": "ann@example.com", "password": "P@ssword123"}

	t.Run("good_credentials_give_tokens", func(t *testing.T) {
		r := h.api("POST", "/api/v1/auth/token", "", good)
		var tok tokenResponse
		r.json(t, &tok)
		if r.status != 200 || tok.IDToken == "" || tok.AccessToken == "" ||
			tok.RefreshToken == "" || tok.ExpiresIn <= 0 || tok.TokenType != "Bearer" {
			t.Fatalf("got %d %s", r.status, r.body)
		}
		ref := h.api("POST", "/api/v1/auth/refresh", "",
			map[string]any{"refresh_token": tok.RefreshToken})
		var again tokenResponse
		ref.json(t, &again)
		if ref.status != 200 || again.IDToken == "" {
			t.Fatalf("refresh: %d %s", ref.status, ref.body)
		}
	})

	wrong := h.api("POST", "/api/v1/auth/token", "",
		map[string]any{"username": "ann@example.com", "password": "Wr0ng#pass"})
	unknown := h.api("POST", "/api/v1/auth/token", "",
		map[string]any{"username": "nobody@example.com", "password": "Wr0ng#pass"})
	t.Run("wrong_password_is_401", func(t *testing.T) {
		if wrong.status != 401 || wrong.code(t) != codeInvalidCredentials {
			t.Fatalf("got %d %s", wrong.status, wrong.body)
		}
	})
	t.Run("unknown_user_answers_like_a_wrong_password", func(t *testing.T) {
		if unknown.status != wrong.status || unknown.body != wrong.body {
			t.Fatalf("unknown %d %s, wrong %d %s", unknown.status, unknown.body,
				wrong.status, wrong.body)
		}
	})

	bad := []struct {
		name, path string
		body       any
		want       string
	}{
		{"token_without_password", "/api/v1/auth/token",
			map[string]any{"username": "ann@example.com"}, codeInvalidRequest},
		{"token_with_extra_field", "/api/v1/auth/token",
			map[string]any{"username": "a", "password": "b", "tenant_id": h.b},
			codeUnknownField},
		{"token_body_not_json", "/api/v1/auth/token", "not an object", codeInvalidJSON},
		{"challenge_without_session", "/api/v1/auth/challenge",
			map[string]any{"username": "a", "new_password": "b"}, codeInvalidRequest},
		{"refresh_without_token", "/api/v1/auth/refresh", map[string]any{},
			codeInvalidRequest},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			r := h.api("POST", tc.path, "", tc.body)
			if r.status != 400 || r.code(t) != tc.want {
				t.Fatalf("got %d %s", r.status, r.body)
			}
			if ct := r.header.Get("Content-Type"); ct != "application/problem+json" {
				t.Fatalf("content type %q", ct)
			}
		})
	}
	t.Run("oversized_body_is_413", func(t *testing.T) {
		r := h.api("POST", "/api/v1/auth/token", "",
			map[string]any{"username": strings.Repeat("a", maxBodyBytes), "password": "x"})
		if r.status != http.StatusRequestEntityTooLarge {
			t.Fatalf("got %d", r.status)
		}
	})
}

func TestAuthRoutes_new_password_challenge(t *testing.T) {
	t.Parallel()
	h := newHarness(t, harnessOptions{identity: true})
	created := h.api("POST", "/api/v1/users", h.token(h.a, "ADMIN"), map[string]any{
		"email": "new@example.com", "role": "VIEWER", "temporary_password": "Tmp#Pass123",
	})
	if created.status != http.StatusCreated {
		t.Fatalf("create: %d %s", created.status, created.body)
	}

	r := h.api("POST", "/api/v1/auth/token", "",
		map[string]any{"username": "new@example.com", "password": "Tmp#Pass123"})
	var ch challengeResponse
	r.json(t, &ch)
	if r.status != 200 || ch.ChallengeName != "NEW_PASSWORD_REQUIRED" || ch.Session == "" ||
		ch.Username == "" || strings.Contains(r.body, "id_token") {
		t.Fatalf("login: %d %s", r.status, r.body)
	}

	weak := h.api("POST", "/api/v1/auth/challenge", "", map[string]any{
		"username": ch.Username, "session": ch.Session, "new_password": "weak",
	})
	if weak.status != 400 || weak.code(t) != codeInvalidPassword {
		t.Fatalf("weak password: %d %s", weak.status, weak.body)
	}
	done := h.api("POST", "/api/v1/auth/challenge", "", map[string]any{
		"username": ch.Username, "session": ch.Session, "new_password": "N3w#Password",
	})
	var tok tokenResponse
	done.json(t, &tok)
	if done.status != 200 || tok.IDToken == "" {
		t.Fatalf("answer: %d %s", done.status, done.body)
	}
}
