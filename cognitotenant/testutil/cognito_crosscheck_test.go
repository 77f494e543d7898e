//go:build integration

package testutil_test

import (
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant/testutil"
	"github.com/cognitotenant/cognitotenant-go/internal/testenv"
)

// emulator is one implementation of the Cognito API the scenario runs
// against, with the ways it is known to depart from Cognito. The
// scenario asserts each departure, so a change in either shows.
type emulator struct {
	name string
	api  *cip.Client
	// base is what token issuers start with: <base>/<poolId>.
	base string
	// poolPrefix starts every pool id.
	poolPrefix string
	// sharedKid, when set, is the one kid that signs every token of every
	// pool; Cognito uses two keys per pool.
	sharedKid string
	// enforcesWrite: UpdateUserAttributes honours WriteAttributes.
	enforcesWrite bool
	// enforcesRead: ID tokens hold only attributes the client may read.
	enforcesRead bool
	// challengeRefresh: the refresh token RespondToAuthChallenge returns
	// works with REFRESH_TOKEN_AUTH.
	challengeRefresh bool
	// globalSignOut: the operation exists; cognito-local answers
	// CognitoLocal#Unsupported, which the SDK reports as "Unsupported".
	globalSignOut bool
	// revocationClaims: tokens carry origin_jti and the access token
	// version 2.
	revocationClaims bool
	// typHeader: the JOSE header carries typ.
	typHeader bool
	// discoveryIssuer: openid-configuration names the real issuer.
	discoveryIssuer bool
	// unknownUser and wrongPassword are the errors of those sign-ins.
	unknownUser, wrongPassword string
	// revokeEndsAccess: RevokeToken also ends the access tokens issued
	// from the refresh token, as GetUser shows.
	revokeEndsAccess bool
}

func TestCrossCheck(t *testing.T) {
	t.Run("fake", func(t *testing.T) {
		t.Parallel()
		fc := testutil.StartFakeCognito(t)
		runScenario(t, emulator{
			name: "fake", api: cip.NewFromConfig(fc.AWSConfig()), base: fc.URL(),
			poolPrefix: testutil.DefaultRegion + "_", enforcesWrite: true, enforcesRead: true,
			globalSignOut: true, revocationClaims: true, discoveryIssuer: true,
			unknownUser: "UserNotFoundException", wrongPassword: "NotAuthorizedException",
			revokeEndsAccess: true, challengeRefresh: true,
		})
	})
	t.Run("cognito-local", func(t *testing.T) {
		t.Parallel()
		local := startCognitoLocal(t)
		runScenario(t, emulator{
			name: "cognito-local", api: sdkClient(local), base: local,
			poolPrefix: "local_", sharedKid: "CognitoLocal", typHeader: true,
			unknownUser: "NotAuthorizedException", wrongPassword: "InvalidPasswordException",
		})
	})
}

func sdkClient(endpoint string) *cip.Client {
	return cip.NewFromConfig(aws.Config{
		Region:       "us-east-1",
		Credentials:  credentials.NewStaticCredentialsProvider("local", "local", ""),
		BaseEndpoint: aws.String(endpoint),
	})
}

// startCognitoLocal runs cognito-local on a free loopback port, its data
// in a temporary directory, and returns its endpoint.
func startCognitoLocal(t *testing.T) string {
	t.Helper()
	bin := os.Getenv("COGNITO_LOCAL_BIN")
	if bin == "" {
		testenv.Missing(t, "cognito-local (COGNITO_LOCAL_BIN)", "cd test/tools && npm ci; "+
			"export COGNITO_LOCAL_BIN=$PWD/node_modules/.bin/cognito-local")
	}
	port := strconv.Itoa(freeLoopbackPort(t))
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, bin)
	cmd.Dir = t.TempDir()
	// cognito-local reads ./.cognito/config.json; its default pools sign
	// users in by email, Cognito's by username.
	cfgDir := filepath.Join(cmd.Dir, ".cognito")
	cfg := `{"UserPoolDefaults": {"UsernameAttributes": []}}`
	if err := os.MkdirAll(cfgDir, 0o755); err != nil {
		t.Fatalf("config dir: %v", err)
	}
	if err := os.WriteFile(filepath.Join(cfgDir, "config.json"), []byte(cfg), 0o644); err != nil {
		t.Fatalf("config: %v", err)
	}
	cmd.Env = append(os.Environ(), "HOST=127.0.0.1", "PORT="+port)
	var logs strings.Builder
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		cancel()
		t.Fatalf("start cognito-local: %v", err)
	}
	t.Cleanup(func() {
		cancel()
		_ = cmd.Wait()
		if t.Failed() {
			t.Logf("cognito-local output:\n%s", logs.String())
		}
	})
	addr := net.JoinHostPort("127.0.0.1", port)
	// Node needs a few seconds to load; this waits for readiness, it
	// asserts nothing about speed.
	for start := time.Now(); ; time.Sleep(100 * time.Millisecond) {
		conn, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			conn.Close()
			return "http://" + addr
		}
		if time.Since(start) > time.Minute {
			t.Fatalf("cognito-local did not listen on %s: %v", addr, err)
		}
	}
}

func freeLoopbackPort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("free port: %v", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}
