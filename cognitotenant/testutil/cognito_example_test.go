package testutil_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant"
	"github.com/cognitotenant/cognitotenant-go/cognitotenant/middleware"
	"github.com/cognitotenant/cognitotenant-go/cognitotenant/testutil"
)

// notesHandler stands for a downstream service's own handler: it serves
// the tenant of the verified token.
var notesHandler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	tenant, _ := cognitotenant.TenantFromContext(r.Context())
	fmt.Fprintf(w, "notes of %s", tenant)
})

// A service tests its own handler behind the library's middleware with a
// fake pool: seed a user, sign in, send the ID token. In a test,
// testutil.StartFakeCognito(t) replaces NewFakeCognito, Start and Close.
func ExampleFakeCognito() {
	fc, _ := testutil.NewFakeCognito()
	_, _ = fc.Start("127.0.0.1:0")
	defer fc.Close()
	pool, _ := fc.SeedPool(testutil.PoolSpec{})
	_, _ = fc.SeedUser(pool.PoolID, testutil.SeedUserSpec{
		Username: "ana", Password: "Correct-Horse-9", TenantID: "acme"})
	tokens, _ := fc.SignIn(pool.ClientID, "ana", "Correct-Horse-9")

	v, _ := cognitotenant.New(cognitotenant.Config{Pools: []cognitotenant.Pool{{
		UserPoolID: pool.PoolID, ClientIDs: []string{pool.ClientID},
		TokenUse: cognitotenant.TokenUseID, Issuer: fc.IssuerURL(pool.PoolID)}}})
	defer v.Close()
	auth, _ := middleware.New(v)

	req := httptest.NewRequest(http.MethodGet, "/notes", nil)
	req.Header.Set("Authorization", "Bearer "+tokens.IDToken)
	rec := httptest.NewRecorder()
	auth.Handler(notesHandler).ServeHTTP(rec, req)
	fmt.Println(rec.Code, rec.Body.String())
	// Output: 200 notes of acme
}

// The fake speaks Cognito's wire protocol, so code that drives Cognito
// through aws-sdk-go-v2 runs against it unchanged.
func ExampleFakeCognito_AWSConfig() {
	fc, _ := testutil.NewFakeCognito()
	_, _ = fc.Start("127.0.0.1:0")
	defer fc.Close()
	pool, _ := fc.SeedPool(testutil.PoolSpec{Groups: []string{"admins"}})
	_, _ = fc.SeedUser(pool.PoolID, testutil.SeedUserSpec{Username: "ana",
		Password: "Correct-Horse-9", Groups: []string{"admins"}})

	api := cip.NewFromConfig(fc.AWSConfig())
	out, err := api.AdminListGroupsForUser(context.Background(),
		&cip.AdminListGroupsForUserInput{UserPoolId: &pool.PoolID, Username: aws.String("ana")})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(aws.ToString(out.Groups[0].GroupName))
	// Output: admins
}

// A user created with a temporary password must choose a new one first;
// SignIn reports it and the SDK's RespondToAuthChallenge completes it.
func ExampleFakeCognito_SignIn() {
	fc, _ := testutil.NewFakeCognito()
	_, _ = fc.Start("127.0.0.1:0")
	defer fc.Close()
	pool, _ := fc.SeedPool(testutil.PoolSpec{})
	_, _ = fc.SeedUser(pool.PoolID, testutil.SeedUserSpec{Username: "new",
		Password: "Temporary-Pass-1", MustChangePassword: true})

	_, err := fc.SignIn(pool.ClientID, "new", "Temporary-Pass-1")
	fmt.Println(err)
	// Output: testutil: sign-in needs a new password
}
