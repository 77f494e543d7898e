//go:build loadtest

package server_test

import (
	"context"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/cognitotenant/cognitotenant-go/examples/notes-api/internal/auth"
)

// noIdentity stands in for the identity provider, which GET
// /api/v1/notes never calls.
type noIdentity struct{}

func (noIdentity) Login(context.Context, string, string) (auth.Result, error) {
	return auth.Result{}, auth.ErrProvider
}

func (noIdentity) RespondNewPassword(context.Context, string, string,
	string) (auth.Result, error) {
	return auth.Result{}, auth.ErrProvider
}

func (noIdentity) Refresh(context.Context, string, string) (auth.Tokens, error) {
	return auth.Tokens{}, auth.ErrProvider
}

func (noIdentity) CreateUser(context.Context, string, auth.NewUser) (auth.User, error) {
	return auth.User{}, auth.ErrProvider
}

func (noIdentity) ListUsers(context.Context, string) ([]auth.User, error) {
	return nil, auth.ErrProvider
}

func envDuration(t *testing.T, name string, def time.Duration) time.Duration {
	t.Helper()
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		t.Fatalf("%s=%q: not a positive duration", name, v)
	}
	return d
}

func envInt(t *testing.T, name string, def int) int {
	t.Helper()
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		t.Fatalf("%s=%q: not a positive number", name, v)
	}
	return n
}
