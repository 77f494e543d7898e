package auth

import (
	"errors"
	"fmt"

	"github.com/aws/smithy-go"
)

// Errors the Client returns, wrapped, so callers can branch with errors.Is.
// Their messages carry Cognito's error code but never a password, token or
// session.
var (
	// ErrInvalidCredentials: wrong username or password, unknown user,
	// or a refresh token or session that is invalid or expired. The cases
	// are one error so that a login cannot probe which users exist.
	ErrInvalidCredentials = errors.New("auth: invalid credentials")
	// ErrUserNotConfirmed: the user has not confirmed their account.
	ErrUserNotConfirmed = errors.New("auth: user not confirmed")
	// ErrPasswordResetRequired: an administrator reset the password.
	ErrPasswordResetRequired = errors.New("auth: password reset required")
	// ErrInvalidPassword: a new password breaks the pool's policy.
	ErrInvalidPassword = errors.New("auth: password does not meet the policy")
	// ErrInvalidInput: Cognito refused a parameter, such as a malformed
	// email address or an unknown group.
	ErrInvalidInput = errors.New("auth: invalid input")
	// ErrUserExists: a user with that name exists in the pool.
	ErrUserExists = errors.New("auth: user already exists")
	// ErrRateLimited: Cognito throttled the call.
	ErrRateLimited = errors.New("auth: too many requests")
	// ErrUnsupportedChallenge: Cognito asked for a challenge this service
	// does not implement, such as MFA.
	ErrUnsupportedChallenge = errors.New("auth: unsupported challenge")
	// ErrProvider: Cognito failed or could not be reached.
	ErrProvider = errors.New("auth: identity provider error")
)

// classify maps an SDK error to one of the package's sentinels, keeping
// Cognito's error code, and the transport error when there is no code.
func classify(op string, err error) error {
	var api smithy.APIError
	if !errors.As(err, &api) {
		return fmt.Errorf("%s: %w: %w", op, ErrProvider, err)
	}
	var kind error
	switch api.ErrorCode() {
	case "NotAuthorizedException", "UserNotFoundException",
		"CodeMismatchException", "ExpiredCodeException":
		kind = ErrInvalidCredentials
	case "UserNotConfirmedException":
		kind = ErrUserNotConfirmed
	case "PasswordResetRequiredException":
		kind = ErrPasswordResetRequired
	case "InvalidPasswordException":
		kind = ErrInvalidPassword
	case "InvalidParameterException", "ResourceNotFoundException":
		kind = ErrInvalidInput
	case "UsernameExistsException", "AliasExistsException":
		kind = ErrUserExists
	case "TooManyRequestsException", "LimitExceededException":
		kind = ErrRateLimited
	default:
		kind = ErrProvider
	}
	// Only the code goes into the message: Cognito's text can echo input.
	return fmt.Errorf("%s: %w (%s)", op, kind, api.ErrorCode())
}
