package testutil_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant/testutil"
)

func TestInitiateAuthSecretHash(t *testing.T) {
	t.Parallel()
	withSecret := newFixture(t, testutil.PoolSpec{GenerateSecret: true})
	withSecret.seedUser(t, testutil.SeedUserSpec{Username: "ana"})
	public := newFixture(t, testutil.PoolSpec{})
	public.seedUser(t, testutil.SeedUserSpec{Username: "ana"})

	tests := []struct {
		name string
		f    fixture
		hash string
		want string // error type; empty for tokens
	}{
		{"secret_client_with_right_hash_signs_in", withSecret,
			withSecret.pool.SecretHash("ana"), ""},
		{"secret_client_without_hash_is_refused", withSecret, "", "NotAuthorizedException"},
		{"secret_client_with_wrong_hash_is_refused", withSecret,
			testutil.SecretHash(withSecret.pool.ClientID, "wrong", "ana"),
			"NotAuthorizedException"},
		{"public_client_without_hash_signs_in", public, "", ""},
		{"public_client_with_a_hash_is_refused", public,
			testutil.SecretHash(public.pool.ClientID, "x", "ana"), "NotAuthorizedException"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			params := map[string]string{"USERNAME": "ana", "PASSWORD": strongPassword}
			if tt.hash != "" {
				params["SECRET_HASH"] = tt.hash
			}
			out, err := tt.f.api.InitiateAuth(context.Background(), &cip.InitiateAuthInput{
				AuthFlow: types.AuthFlowTypeUserPasswordAuth, AuthParameters: params,
				ClientId: aws.String(tt.f.pool.ClientID)})
			if tt.want != "" {
				wantAPIError(t, err, tt.want)
				return
			}
			if err != nil || out.AuthenticationResult == nil {
				t.Fatalf("InitiateAuth = %+v, %v", out, err)
			}
		})
	}
}

func TestInitiateAuthRefusals(t *testing.T) {
	t.Parallel()
	f := newFixture(t, testutil.PoolSpec{})
	f.seedUser(t, testutil.SeedUserSpec{Username: "ok"})
	f.seedUser(t, testutil.SeedUserSpec{Username: "off", Disabled: true})
	srp := newFixture(t, testutil.PoolSpec{AuthFlows: []string{"ALLOW_USER_SRP_AUTH"}})
	srp.seedUser(t, testutil.SeedUserSpec{Username: "ok"})
	hidden := f
	c, err := f.api.CreateUserPoolClient(context.Background(), &cip.CreateUserPoolClientInput{
		UserPoolId: &f.pool.PoolID, ClientName: aws.String("hidden"),
		PreventUserExistenceErrors: types.PreventUserExistenceErrorTypesEnabled,
		ExplicitAuthFlows:          []types.ExplicitAuthFlowsType{"ALLOW_USER_PASSWORD_AUTH"}})
	if err != nil {
		t.Fatalf("CreateUserPoolClient: %v", err)
	}
	hidden.pool.ClientID = aws.ToString(c.UserPoolClient.ClientId)

	tests := []struct {
		name, user, password string
		f                    fixture
		want                 string
	}{
		{"right_password_signs_in", "ok", strongPassword, f, ""},
		{"wrong_password_is_not_authorized", "ok", "Wrong-Pass-1", f, "NotAuthorizedException"},
		{"unknown_user_is_user_not_found", "ghost", strongPassword, f, "UserNotFoundException"},
		{"unknown_user_looks_like_wrong_password_when_existence_is_hidden", "ghost",
			strongPassword, hidden, "NotAuthorizedException"},
		{"known_user_signs_in_where_existence_is_hidden", "ok", strongPassword, hidden, ""},
		{"disabled_user_is_refused", "off", strongPassword, f, "NotAuthorizedException"},
		{"password_auth_is_refused_where_only_srp_is_enabled", "ok", strongPassword,
			srp, "InvalidParameterException"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			out, err := tt.f.signIn(context.Background(), tt.user, tt.password)
			if tt.want != "" {
				wantAPIError(t, err, tt.want)
				return
			}
			if err != nil || out.AuthenticationResult == nil {
				t.Fatalf("InitiateAuth = %+v, %v", out, err)
			}
		})
	}
}

func TestDisabledUserSignsInAgainOnceEnabled(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t, testutil.PoolSpec{})
	f.seedUser(t, testutil.SeedUserSpec{Username: "eve"})
	in := &cip.AdminDisableUserInput{UserPoolId: &f.pool.PoolID, Username: aws.String("eve")}
	if _, err := f.api.AdminDisableUser(ctx, in); err != nil {
		t.Fatalf("AdminDisableUser: %v", err)
	}
	_, err := f.signIn(ctx, "eve", strongPassword)
	wantAPIError(t, err, "NotAuthorizedException")

	if _, err := f.api.AdminEnableUser(ctx, &cip.AdminEnableUserInput{
		UserPoolId: &f.pool.PoolID, Username: aws.String("eve")}); err != nil {
		t.Fatalf("AdminEnableUser: %v", err)
	}
	f.mustSignIn(t, "eve")
}

func TestNewPasswordRequired(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	clock := newManualClock()
	f := newFixture(t, testutil.PoolSpec{}, testutil.WithCognitoClock(clock.Now))
	for _, name := range []string{"new", "late"} {
		_, err := f.api.AdminCreateUser(ctx, &cip.AdminCreateUserInput{
			UserPoolId: &f.pool.PoolID, Username: aws.String(name),
			TemporaryPassword: aws.String("Temp-Pass-1"),
			MessageAction:     types.MessageActionTypeSuppress})
		if err != nil {
			t.Fatalf("AdminCreateUser: %v", err)
		}
	}

	out, err := f.signIn(ctx, "new", "Temp-Pass-1")
	if err != nil {
		t.Fatalf("InitiateAuth: %v", err)
	}
	if out.ChallengeName != types.ChallengeNameTypeNewPasswordRequired ||
		out.AuthenticationResult != nil || aws.ToString(out.Session) == "" {
		t.Fatalf("InitiateAuth with temporary password = %+v, want NEW_PASSWORD_REQUIRED", out)
	}
	respond := func(session, pw string) (*cip.RespondToAuthChallengeOutput, error) {
		return f.api.RespondToAuthChallenge(ctx, &cip.RespondToAuthChallengeInput{
			ClientId: aws.String(f.pool.ClientID), Session: aws.String(session),
			ChallengeName:      types.ChallengeNameTypeNewPasswordRequired,
			ChallengeResponses: map[string]string{"USERNAME": "new", "NEW_PASSWORD": pw}})
	}

	t.Run("weak_new_password_is_refused", func(t *testing.T) {
		_, err := respond(aws.ToString(out.Session), "short")
		wantAPIError(t, err, "InvalidPasswordException")
	})
	t.Run("forged_session_is_refused", func(t *testing.T) {
		_, err := respond("not-a-session", strongPassword)
		wantAPIError(t, err, "NotAuthorizedException")
	})
	t.Run("strong_new_password_completes_sign_in", func(t *testing.T) {
		res, err := respond(aws.ToString(out.Session), strongPassword)
		if err != nil || res.AuthenticationResult == nil ||
			aws.ToString(res.AuthenticationResult.IdToken) == "" {
			t.Fatalf("RespondToAuthChallenge = %+v, %v", res, err)
		}
		f.mustSignIn(t, "new")
	})
	t.Run("expired_temporary_password_is_refused", func(t *testing.T) {
		clock.Advance(7*24*time.Hour + time.Minute)
		_, err := f.signIn(ctx, "late", "Temp-Pass-1")
		wantAPIError(t, err, "NotAuthorizedException")
	})
}

func TestPasswordPolicy(t *testing.T) {
	t.Parallel()
	lenient := &testutil.PasswordPolicy{MinimumLength: 6}
	strict := newFixture(t, testutil.PoolSpec{})
	loose := newFixture(t, testutil.PoolSpec{PasswordPolicy: lenient})
	tests := []struct {
		name     string
		f        fixture
		password string
		ok       bool
	}{
		{"default_policy_accepts_mixed_password", strict, "Abcdef1!", true},
		{"default_policy_refuses_short_password", strict, "Ab1!", false},
		{"default_policy_refuses_missing_uppercase", strict, "abcdef1!", false},
		{"default_policy_refuses_missing_lowercase", strict, "ABCDEF1!", false},
		{"default_policy_refuses_missing_number", strict, "Abcdefg!", false},
		{"default_policy_refuses_missing_symbol", strict, "Abcdefg1", false},
		{"lenient_policy_accepts_plain_six_letters", loose, "abcdef", true},
		{"lenient_policy_refuses_five_letters", loose, "abcde", false},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			name := aws.String(fmt.Sprintf("user%d", i))
			tt.f.seedUser(t, testutil.SeedUserSpec{Username: *name})
			_, err := tt.f.api.AdminSetUserPassword(ctx, &cip.AdminSetUserPasswordInput{
				UserPoolId: &tt.f.pool.PoolID, Username: name,
				Password: aws.String(tt.password), Permanent: true})
			if !tt.ok {
				wantAPIError(t, err, "InvalidPasswordException")
				return
			}
			if err != nil {
				t.Fatalf("AdminSetUserPassword: %v", err)
			}
			if _, err := tt.f.signIn(ctx, *name, tt.password); err != nil {
				t.Fatalf("sign-in with the new password: %v", err)
			}
		})
	}
}
