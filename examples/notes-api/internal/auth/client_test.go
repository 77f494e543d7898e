package auth

import (
	"context"
	"errors"
	"slices"
	"testing"

	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant/testutil"
)

const password = "P@ssword123"

// newPool starts a fake Cognito pool with the three groups and a user in
// tenant-a, and returns a Client for it.
func newPool(t *testing.T, secret bool) (*Client, *testutil.FakeCognito, testutil.SeededPool) {
	t.Helper()
	// Tokens are never verified here, so small keys will do.
	fc := testutil.StartFakeCognito(t, testutil.WithCognitoKeyBits(1024))
	pool, err := fc.SeedPool(testutil.PoolSpec{
		GenerateSecret: secret, Groups: []string{"ADMIN", "EDITOR", "VIEWER"},
	})
	if err != nil {
		t.Fatal(err)
	}
	_, err = fc.SeedUser(pool.PoolID, testutil.SeedUserSpec{
		Username: "ann@example.com", Password: password, Email: "ann@example.com",
		TenantID: "tenant-a", Groups: []string{"ADMIN"},
	})
	if err != nil {
		t.Fatal(err)
	}
	c, err := New(cip.NewFromConfig(fc.AWSConfig()), Options{
		UserPoolID: pool.PoolID, ClientID: pool.ClientID, ClientSecret: pool.ClientSecret,
	})
	if err != nil {
		t.Fatal(err)
	}
	return c, fc, pool
}

func TestLogin(t *testing.T) {
	t.Parallel()
	for _, secret := range []bool{false, true} {
		name := "public_client"
		if secret {
			name = "client_with_secret_sends_secret_hash"
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, _, _ := newPool(t, secret)
			ctx := context.Background()

			res, err := c.Login(ctx, "ann@example.com", password)
			if err != nil || res.Tokens == nil || res.Tokens.IDToken == "" ||
				res.Tokens.RefreshToken == "" {
				t.Fatalf("good password: %+v, %v", res, err)
			}
			_, err = c.Login(ctx, "ann@example.com", "wrong-"+password)
			if !errors.Is(err, ErrInvalidCredentials) {
				t.Fatalf("wrong password: %v", err)
			}
			_, err = c.Login(ctx, "nobody@example.com", password)
			if !errors.Is(err, ErrInvalidCredentials) {
				t.Fatalf("unknown user: %v, want the same error as a wrong password", err)
			}

			ref, err := c.Refresh(ctx, res.Tokens.RefreshToken, "ann@example.com")
			if err != nil || ref.IDToken == "" {
				t.Fatalf("refresh: %+v, %v", ref, err)
			}
			if _, err := c.Refresh(ctx, "not-a-refresh-token", "ann@example.com"); !errors.Is(
				err, ErrInvalidCredentials) {
				t.Fatalf("bad refresh token: %v", err)
			}
		})
	}
}

func TestLogin_secret_client_needs_a_username_to_refresh(t *testing.T) {
	t.Parallel()
	c, _, _ := newPool(t, true)
	_, err := c.Refresh(context.Background(), "whatever", "")
	if !errors.Is(err, ErrInvalidInput) {
		t.Fatalf("got %v, want ErrInvalidInput", err)
	}
}

func TestNewPasswordChallenge(t *testing.T) {
	t.Parallel()
	for _, secret := range []bool{false, true} {
		t.Run(map[bool]string{false: "public_client", true: "client_with_secret"}[secret],
			func(t *testing.T) {
				t.Parallel()
				c, _, _ := newPool(t, secret)
				ctx := context.Background()
				_, err := c.CreateUser(ctx, "tenant-a", NewUser{
					Email: "new@example.com", Group: "VIEWER", Password: "Tmp#Pass123",
				})
				if err != nil {
					t.Fatal(err)
				}

				res, err := c.Login(ctx, "new@example.com", "Tmp#Pass123")
				if err != nil || res.Challenge == nil ||
					res.Challenge.Name != ChallengeNewPassword {
					t.Fatalf("first login: %+v, %v", res, err)
				}
				_, err = c.RespondNewPassword(ctx, res.Challenge.Username,
					res.Challenge.Session, "short")
				if !errors.Is(err, ErrInvalidPassword) {
					t.Fatalf("weak new password: %v", err)
				}
				done, err := c.RespondNewPassword(ctx, res.Challenge.Username,
					res.Challenge.Session, "N3w#Password")
				if err != nil || done.Tokens == nil {
					t.Fatalf("answer: %+v, %v", done, err)
				}
				again, err := c.Login(ctx, "new@example.com", "N3w#Password")
				if err != nil || again.Tokens == nil {
					t.Fatalf("login with the new password: %+v, %v", again, err)
				}
			})
	}
}

func TestUsers(t *testing.T) {
	t.Parallel()
	c, fc, pool := newPool(t, false)
	ctx := context.Background()
	_, err := fc.SeedUser(pool.PoolID, testutil.SeedUserSpec{
		Username: "bob@example.com", Password: password, Email: "bob@example.com",
		TenantID: "tenant-b", Groups: []string{"EDITOR"},
	})
	if err != nil {
		t.Fatal(err)
	}

	t.Run("permanent_user_is_confirmed_in_tenant_and_group", func(t *testing.T) {
		u, err := c.CreateUser(ctx, "tenant-a", NewUser{Email: "cat@example.com",
			Group: "EDITOR", Password: "P@ssword456", Permanent: true})
		if err != nil || u.Status != "CONFIRMED" || u.Subject == "" {
			t.Fatalf("%+v, %v", u, err)
		}
		res, err := c.Login(ctx, "cat@example.com", "P@ssword456")
		if err != nil || res.Tokens == nil {
			t.Fatalf("login: %+v, %v", res, err)
		}
	})
	t.Run("list_returns_only_the_tenant_with_groups", func(t *testing.T) {
		users, err := c.ListUsers(ctx, "tenant-a")
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, u := range users {
			got = append(got, u.Email+":"+u.Groups[0])
		}
		slices.Sort(got)
		want := []string{"ann@example.com:ADMIN", "cat@example.com:EDITOR"}
		if !slices.Equal(got, want) {
			t.Fatalf("got %v, want %v", got, want)
		}
	})
	t.Run("unknown_group_leaves_no_user_behind", func(t *testing.T) {
		_, err := c.CreateUser(ctx, "tenant-a", NewUser{Email: "dan@example.com",
			Group: "OWNERS", Password: "P@ssword456", Permanent: true})
		if !errors.Is(err, ErrInvalidInput) {
			t.Fatalf("got %v", err)
		}
		if _, err := c.Login(ctx, "dan@example.com", "P@ssword456"); !errors.Is(
			err, ErrInvalidCredentials) {
			t.Fatalf("user still signs in: %v", err)
		}
	})
	t.Run("existing_email_is_user_exists", func(t *testing.T) {
		_, err := c.CreateUser(ctx, "tenant-a", NewUser{Email: "bob@example.com",
			Group: "VIEWER", Password: "P@ssword456"})
		if !errors.Is(err, ErrUserExists) {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("empty_tenant_is_refused_before_any_call", func(t *testing.T) {
		if _, err := c.ListUsers(ctx, ""); !errors.Is(err, ErrInvalidInput) {
			t.Fatalf("list: %v", err)
		}
		_, err := c.CreateUser(ctx, "", NewUser{Email: "e@example.com", Group: "VIEWER"})
		if !errors.Is(err, ErrInvalidInput) {
			t.Fatalf("create: %v", err)
		}
	})
}
