package testutil

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
)

const (
	targetPrefix = "AWSCognitoIdentityProviderService."
	amzJSON      = "application/x-amz-json-1.1"
	maxBody      = 1 << 20
)

// opFunc runs one operation on a decoded request body. base is the URL
// the request reached the fake at, from which token issuers are built.
type opFunc func(base string, body []byte) (any, error)

// jsonOp adapts a typed operation to opFunc.
func jsonOp[In any](f func(base string, in *In) (any, error)) opFunc {
	return func(base string, body []byte) (any, error) {
		in := new(In)
		if err := json.Unmarshal(body, in); err != nil {
			return nil, cognitoErr("SerializationException", "request body is not valid JSON")
		}
		return f(base, in)
	}
}

// operation returns the handler of a cognito-idp operation, or nil.
func (fc *FakeCognito) operation(name string) opFunc {
	switch name {
	case "CreateUserPool":
		return jsonOp(fc.createUserPool)
	case "DescribeUserPool":
		return jsonOp(fc.describeUserPool)
	case "CreateUserPoolClient":
		return jsonOp(fc.createUserPoolClient)
	case "DescribeUserPoolClient":
		return jsonOp(fc.describeUserPoolClient)
	case "UpdateUserPoolClient":
		return jsonOp(fc.updateUserPoolClient)
	case "AddCustomAttributes":
		return jsonOp(fc.addCustomAttributes)
	case "ListUserPools":
		return jsonOp(fc.listUserPools)
	case "ListUserPoolClients":
		return jsonOp(fc.listUserPoolClients)
	case "ListGroups":
		return jsonOp(fc.listGroups)
	case "CreateGroup":
		return jsonOp(fc.createGroup)
	case "AdminCreateUser":
		return jsonOp(fc.adminCreateUser)
	case "AdminSetUserPassword":
		return jsonOp(fc.adminSetUserPassword)
	case "AdminGetUser":
		return jsonOp(fc.adminGetUser)
	case "AdminDeleteUser":
		return jsonOp(fc.adminDeleteUser)
	case "AdminDisableUser":
		return jsonOp(fc.adminDisableUser)
	case "AdminEnableUser":
		return jsonOp(fc.adminEnableUser)
	case "AdminUpdateUserAttributes":
		return jsonOp(fc.adminUpdateUserAttributes)
	case "AdminAddUserToGroup":
		return jsonOp(fc.adminAddUserToGroup)
	case "AdminRemoveUserFromGroup":
		return jsonOp(fc.adminRemoveUserFromGroup)
	case "AdminListGroupsForUser":
		return jsonOp(fc.adminListGroupsForUser)
	case "ListUsers":
		return jsonOp(fc.listUsers)
	case "ListUsersInGroup":
		return jsonOp(fc.listUsersInGroup)
	case "InitiateAuth":
		return jsonOp(fc.initiateAuth)
	case "RespondToAuthChallenge":
		return jsonOp(fc.respondToAuthChallenge)
	case "GetUser":
		return jsonOp(fc.getUser)
	case "UpdateUserAttributes":
		return jsonOp(fc.updateUserAttributes)
	case "GlobalSignOut":
		return jsonOp(fc.globalSignOut)
	case "RevokeToken":
		return jsonOp(fc.revokeToken)
	}
	return nil
}

// ServeHTTP answers cognito-idp API calls (POST with X-Amz-Target) and
// the pools' well-known documents (GET).
func (fc *FakeCognito) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		fc.serveWellKnown(w, r)
		return
	}
	name, ok := strings.CutPrefix(r.Header.Get("X-Amz-Target"), targetPrefix)
	op := fc.operation(name)
	if r.Method != http.MethodPost || !ok || op == nil {
		writeError(w, cognitoErr("UnknownOperationException", "unknown operation"))
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		writeError(w, cognitoErr("SerializationException", "request body too large"))
		return
	}
	out, err := op(fc.issuerBase(r), body)
	if err != nil {
		fc.log.Debug("fake cognito: operation failed", "op", name, "error", errorType(err))
		writeError(w, err)
		return
	}
	fc.log.Debug("fake cognito: operation", "op", name)
	writeJSON(w, http.StatusOK, out)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", amzJSON)
	w.Header().Set("X-Amzn-Requestid", NewUUID())
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// writeError answers as Cognito: the error type in the body's __type and
// in X-Amzn-Errortype, so every SDK finds it.
func writeError(w http.ResponseWriter, err error) {
	var ce *CognitoError
	if !errors.As(err, &ce) {
		ce = &CognitoError{Type: "InternalErrorException", Message: "internal error",
			status: http.StatusInternalServerError}
	}
	w.Header().Set("X-Amzn-Errortype", ce.Type)
	writeJSON(w, ce.status, map[string]string{"__type": ce.Type, "message": ce.Message})
}

func errorType(err error) string {
	var ce *CognitoError
	if errors.As(err, &ce) {
		return ce.Type
	}
	return "InternalErrorException"
}
