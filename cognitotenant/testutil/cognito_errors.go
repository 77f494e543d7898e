package testutil

import "net/http"

// CognitoError is an error the fake answers with, as Cognito does: Type
// is the __type the SDK maps to its typed errors (NotAuthorizedException,
// UserNotFoundException, ...), Message Cognito's wording where known.
// The Go seeding methods return it too, so callers can branch on Type
// with errors.As.
type CognitoError struct {
	Type    string
	Message string
	status  int
}

// Error returns the type and message.
func (e *CognitoError) Error() string {
	return "testutil: fake cognito: " + e.Type + ": " + e.Message
}

func cognitoErr(typ, msg string) *CognitoError {
	return &CognitoError{Type: typ, Message: msg, status: http.StatusBadRequest}
}

func invalidParameter(msg string) *CognitoError {
	return cognitoErr("InvalidParameterException", msg)
}

func notAuthorized(msg string) *CognitoError {
	return cognitoErr("NotAuthorizedException", msg)
}

func resourceNotFound(msg string) *CognitoError {
	return cognitoErr("ResourceNotFoundException", msg)
}

func userNotFound() *CognitoError {
	return cognitoErr("UserNotFoundException", "User does not exist.")
}

func poolNotFound(id string) *CognitoError {
	return resourceNotFound("User pool " + id + " does not exist.")
}

func clientNotFound(id string) *CognitoError {
	return resourceNotFound("User pool client " + id + " does not exist.")
}

func invalidPassword(msg string) *CognitoError {
	return cognitoErr("InvalidPasswordException", "Password did not conform with policy: "+msg)
}
