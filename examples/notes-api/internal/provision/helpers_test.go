package provision_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
	"github.com/google/go-cmp/cmp"

	"github.com/cognitotenant/cognitotenant-go/examples/notes-api/internal/provision"
)

// mustProvision runs Provision and fails the test on error.
func mustProvision(t *testing.T, api provision.API, cfg provision.Config) *provision.Result {
	t.Helper()
	res, err := provision.Provision(context.Background(), api, cfg)
	if err != nil {
		t.Fatalf("Provision: %v", err)
	}
	if res.UserPoolID == "" || res.ClientID == "" {
		t.Fatalf("Provision returned pool %q client %q", res.UserPoolID, res.ClientID)
	}
	return res
}

// assertFindings audits the pool and compares kinds and subjects with want;
// details are prose for people and left out.
func assertFindings(t *testing.T, api provision.API, cfg provision.Config,
	want ...provision.Finding) {
	t.Helper()
	got, err := provision.Audit(context.Background(), api, cfg)
	if err != nil {
		t.Fatalf("Audit: %v", err)
	}
	key := func(fs []provision.Finding) []string {
		out := make([]string, 0, len(fs))
		for _, f := range fs {
			out = append(out, string(f.Kind)+" "+f.Subject)
		}
		slices.Sort(out)
		return out
	}
	if diff := cmp.Diff(key(want), key(got)); diff != "" {
		t.Errorf("Audit findings (-want +got):\n%s", diff)
	}
	for _, f := range got {
		if f.Detail == "" {
			t.Errorf("finding %s has no detail", f.Kind)
		}
	}
}

func signIn(t *testing.T, api *cip.Client, clientID string) *types.AuthenticationResultType {
	t.Helper()
	out, err := api.InitiateAuth(context.Background(), &cip.InitiateAuthInput{
		ClientId: aws.String(clientID),
		AuthFlow: types.AuthFlowTypeUserPasswordAuth,
		AuthParameters: map[string]string{
			"USERNAME": provision.DefaultDemoEmail,
			"PASSWORD": provision.DefaultDemoPassword,
		},
	})
	if err != nil {
		t.Fatalf("demo user cannot sign in: %v", err)
	}
	if out.AuthenticationResult == nil {
		t.Fatalf("sign-in answered challenge %s instead of tokens", out.ChallengeName)
	}
	return out.AuthenticationResult
}

// payload decodes a JWT's claims without verifying it: the verifier has its
// own tests, and here only the pool's configuration is under test.
func payload(t *testing.T, token string) map[string]any {
	t.Helper()
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		t.Fatalf("token has %d parts", len(parts))
	}
	raw, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatal(err)
	}
	var claims map[string]any
	if err := json.Unmarshal(raw, &claims); err != nil {
		t.Fatal(err)
	}
	return claims
}
