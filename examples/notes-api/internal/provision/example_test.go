package provision_test

import (
	"context"
	"fmt"
	"log"
	"maps"
	"slices"

	"github.com/cognitotenant/cognitotenant-go/examples/notes-api/internal/provision"
)

// Provisioning a pool on an emulator, writing the service's .env and
// auditing the result. Against AWS, pass an empty endpoint.
func ExampleProvision() {
	ctx := context.Background()
	endpoint := "http://127.0.0.1:9229"
	api, err := provision.NewClient(ctx, "us-east-1", endpoint)
	if err != nil {
		log.Fatal(err)
	}

	res, err := provision.Provision(ctx, api, provision.Config{})
	if err != nil {
		log.Fatal(err)
	}
	res.Region, res.Endpoint = "us-east-1", endpoint
	res.Issuer = provision.EmulatorIssuer(endpoint, res.UserPoolID)
	if err := provision.WriteEnvFile(".env", res); err != nil {
		log.Fatal(err)
	}

	findings, err := provision.Audit(ctx, api, provision.Config{PoolID: res.UserPoolID})
	if err != nil {
		log.Fatal(err)
	}
	for _, f := range findings {
		fmt.Println(f)
	}
}

func ExampleResult_Env() {
	res := &provision.Result{Region: "eu-west-1", UserPoolID: "eu-west-1_AbC123",
		ClientID: "4hq1example"}
	env := res.Env()
	for _, k := range slices.Sorted(maps.Keys(env)) {
		fmt.Printf("%s=%s\n", k, env[k])
	}
	// Output:
	// COGNITO_CLIENT_ID=4hq1example
	// COGNITO_REGION=eu-west-1
	// COGNITO_USER_POOL_ID=eu-west-1_AbC123
}

func ExampleFinding_String() {
	f := provision.Finding{Kind: provision.GroupMissing, Subject: "VIEWER",
		Detail: "the pool has no such group"}
	fmt.Println(f)
	// Output: group-missing: VIEWER: the pool has no such group
}
