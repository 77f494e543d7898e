package testutil_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant/testutil"
)

// FuzzFakeCognitoRequest sends arbitrary bodies to every operation: the
// fake must answer each with 200 or a 4xx carrying a Cognito __type,
// never panic or fail with a 5xx.
func FuzzFakeCognitoRequest(f *testing.F) {
	fc, err := testutil.NewFakeCognito(testutil.WithCognitoBaseURL("http://fake.test"))
	if err != nil {
		f.Fatal(err)
	}
	pool, err := fc.SeedPool(testutil.PoolSpec{PoolID: "us-east-1_Fuzz00001",
		ClientID: "fuzzclient1", Groups: []string{"g"}})
	if err != nil {
		f.Fatal(err)
	}
	if _, err := fc.SeedUser(pool.PoolID, testutil.SeedUserSpec{Username: "u",
		Password: strongPassword, TenantID: "t"}); err != nil {
		f.Fatal(err)
	}
	seeds := map[string]string{
		"InitiateAuth": `{"AuthFlow":"USER_PASSWORD_AUTH","ClientId":"fuzzclient1",` +
			`"AuthParameters":{"USERNAME":"u","PASSWORD":"` + strongPassword + `"}}`,
		"ListUsers": `{"UserPoolId":"us-east-1_Fuzz00001","Filter":"email ^= \"a\"",` +
			`"Limit":1,"PaginationToken":"1"}`,
		"AdminCreateUser": `{"UserPoolId":"us-east-1_Fuzz00001","Username":"x",` +
			`"UserAttributes":[{"Name":"custom:tenant_id","Value":"t"}]}`,
		"UpdateUserAttributes": `{"AccessToken":"x","UserAttributes":[]}`,
		"RespondToAuthChallenge": `{"ChallengeName":"NEW_PASSWORD_REQUIRED",` +
			`"ClientId":"fuzzclient1","Session":"s","ChallengeResponses":{}}`,
		"CreateUserPoolClient": `{"UserPoolId":"us-east-1_Fuzz00001","ClientName":"c",` +
			`"IdTokenValidity":5,"TokenValidityUnits":{"IdToken":"minutes"}}`,
		"AdminListGroupsForUser": `{"UserPoolId":"us-east-1_Fuzz00001","Username":"u"}`,
	}
	for op, body := range seeds {
		f.Add(op, body)
	}
	f.Fuzz(func(t *testing.T, op, body string) {
		if op == "CreateUserPool" {
			return // each call generates RSA keys: too slow to fuzz
		}
		req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
		req.Header.Set("X-Amz-Target", "AWSCognitoIdentityProviderService."+op)
		rec := httptest.NewRecorder()
		fc.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("%s answered %d: %s", op, rec.Code, rec.Body)
		}
		var out map[string]any
		if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
			t.Fatalf("%s answered non-JSON: %v", op, err)
		}
		if _, typed := out["__type"]; rec.Code != http.StatusOK && !typed {
			t.Fatalf("%s error without __type: %s", op, rec.Body)
		}
	})
}

// BenchmarkFakeCognitoSignIn measures one USER_PASSWORD_AUTH sign-in
// through the Go helper: two RS256 signatures and the bookkeeping.
func BenchmarkFakeCognitoSignIn(b *testing.B) {
	fc := testutil.StartFakeCognito(b)
	pool, err := fc.SeedPool(testutil.PoolSpec{})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := fc.SeedUser(pool.PoolID, testutil.SeedUserSpec{Username: "u",
		Password: strongPassword, TenantID: "t"}); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := fc.SignIn(pool.ClientID, "u", strongPassword); err != nil {
			b.Fatal(err)
		}
	}
}
