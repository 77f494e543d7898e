package auth

import (
	"errors"
	"strings"
	"testing"

	"github.com/aws/smithy-go"
)

func TestClassify_maps_cognito_codes_to_sentinels(t *testing.T) {
	t.Parallel()
	tests := []struct {
		code string
		want error
	}{
		{"NotAuthorizedException", ErrInvalidCredentials},
		{"UserNotFoundException", ErrInvalidCredentials},
		{"ExpiredCodeException", ErrInvalidCredentials},
		{"UserNotConfirmedException", ErrUserNotConfirmed},
		{"PasswordResetRequiredException", ErrPasswordResetRequired},
		{"InvalidPasswordException", ErrInvalidPassword},
		{"InvalidParameterException", ErrInvalidInput},
		{"UsernameExistsException", ErrUserExists},
		{"TooManyRequestsException", ErrRateLimited},
		{"InternalErrorException", ErrProvider},
	}
	for _, tc := range tests {
		t.Run(tc.code, func(t *testing.T) {
			t.Parallel()
			err := classify("op", &smithy.GenericAPIError{
				Code: tc.code, Message: "user secret-input rejected",
			})
			if !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
			if strings.Contains(err.Error(), "secret-input") {
				t.Fatalf("message %q echoes Cognito's text", err)
			}
		})
	}
}

func TestClassify_transport_failure_is_a_provider_error(t *testing.T) {
	t.Parallel()
	cause := errors.New("connection refused")
	err := classify("login", cause)
	if !errors.Is(err, ErrProvider) || !errors.Is(err, cause) {
		t.Fatalf("got %v, want ErrProvider wrapping the cause", err)
	}
}

func TestSecretHash(t *testing.T) {
	t.Parallel()
	t.Run("client_with_secret_hashes_username_and_client_id", func(t *testing.T) {
		t.Parallel()
		c := &Client{opts: Options{ClientID: "client123", ClientSecret: "topsecret"}}
		// Computed independently: base64(HMAC-SHA256("topsecret",
		// "alice@example.comclient123")).
		const want = "LXHj8/yZ5t8BGLRXG4NrgMdVLQakp2GnQAspzdB5ckg="
		if got := c.secretHash("alice@example.com"); got != want {
			t.Fatalf("got %q, want %q", got, want)
		}
		p := c.withSecretHash(map[string]string{}, "alice@example.com")
		if p["SECRET_HASH"] != want {
			t.Fatalf("SECRET_HASH not added: %v", p)
		}
	})
	t.Run("client_without_secret_sends_no_hash", func(t *testing.T) {
		t.Parallel()
		c := &Client{opts: Options{ClientID: "client123"}}
		p := c.withSecretHash(map[string]string{}, "alice@example.com")
		if _, ok := p["SECRET_HASH"]; ok {
			t.Fatalf("SECRET_HASH sent without a secret: %v", p)
		}
	})
}
