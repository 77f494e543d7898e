package testutil_test

import (
	"context"
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant/testutil"
)

func TestSeedPoolFixedIDs(t *testing.T) {
	t.Parallel()
	fc := testutil.StartFakeCognito(t)
	fixed := testutil.PoolSpec{PoolID: "us-east-1_Notes0001", ClientID: "notesclient01"}
	pool, err := fc.SeedPool(fixed)
	if err != nil {
		t.Fatalf("SeedPool: %v", err)
	}
	if pool.PoolID != fixed.PoolID || pool.ClientID != fixed.ClientID {
		t.Fatalf("SeedPool = %+v, want the fixed ids", pool)
	}
	tests := []struct {
		name string
		spec testutil.PoolSpec
	}{
		{"pool_id_of_another_region", testutil.PoolSpec{PoolID: "eu-west-1_Notes0002"}},
		{"pool_id_with_punctuation", testutil.PoolSpec{PoolID: "us-east-1_no-tes"}},
		{"taken_pool_id", testutil.PoolSpec{PoolID: fixed.PoolID}},
		{"taken_client_id", testutil.PoolSpec{ClientID: fixed.ClientID}},
		{"client_id_with_punctuation", testutil.PoolSpec{ClientID: "notes.client"}},
	}
	for _, tt := range tests {
		t.Run(tt.name+"_is_refused", func(t *testing.T) {
			_, err := fc.SeedPool(tt.spec)
			var ce *testutil.CognitoError
			if !errors.As(err, &ce) || ce.Type != "InvalidParameterException" {
				t.Fatalf("SeedPool error = %v, want InvalidParameterException", err)
			}
		})
	}
	t.Run("fixed_ids_work_through_the_sdk", func(t *testing.T) {
		out, err := cip.NewFromConfig(fc.AWSConfig()).DescribeUserPoolClient(
			context.Background(), &cip.DescribeUserPoolClientInput{
				UserPoolId: aws.String(fixed.PoolID), ClientId: aws.String(fixed.ClientID)})
		if err != nil || aws.ToString(out.UserPoolClient.ClientId) != fixed.ClientID {
			t.Fatalf("DescribeUserPoolClient = %+v, %v", out, err)
		}
	})
}

func TestInitiateAuthMissingParameters(t *testing.T) {
	t.Parallel()
	f := newFixture(t, testutil.PoolSpec{})
	f.seedUser(t, testutil.SeedUserSpec{Username: "mo"})
	tests := []struct {
		name   string
		flow   string
		params map[string]string
		want   string
	}{
		{"password_flow_without_password", "USER_PASSWORD_AUTH",
			map[string]string{"USERNAME": "mo"}, "InvalidParameterException"},
		{"password_flow_without_username", "USER_PASSWORD_AUTH",
			map[string]string{"PASSWORD": strongPassword}, "InvalidParameterException"},
		{"refresh_flow_without_token", "REFRESH_TOKEN_AUTH", map[string]string{},
			"InvalidParameterException"},
		{"unsupported_flow", "USER_SRP_AUTH", map[string]string{"USERNAME": "mo"},
			"InvalidParameterException"},
		{"complete_password_flow", "USER_PASSWORD_AUTH",
			map[string]string{"USERNAME": "mo", "PASSWORD": strongPassword}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			out, err := f.api.InitiateAuth(context.Background(), &cip.InitiateAuthInput{
				AuthFlow: types.AuthFlowType(tt.flow), AuthParameters: tt.params,
				ClientId: aws.String(f.pool.ClientID)})
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
