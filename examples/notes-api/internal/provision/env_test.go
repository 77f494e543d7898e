package provision_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/joho/godotenv"

	"github.com/cognitotenant/cognitotenant-go/examples/notes-api/internal/provision"
)

func TestResult_Env(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		res  provision.Result
		want map[string]string
	}{
		{
			name: "aws_pool_sets_no_emulator_variables",
			res:  provision.Result{Region: "eu-west-1", UserPoolID: "eu-west-1_A", ClientID: "c"},
			want: map[string]string{"COGNITO_REGION": "eu-west-1",
				"COGNITO_USER_POOL_ID": "eu-west-1_A", "COGNITO_CLIENT_ID": "c"},
		},
		{
			name: "emulator_pool_with_secret_sets_all",
			res: provision.Result{Region: "us-east-1", UserPoolID: "local_1", ClientID: "c",
				ClientSecret: "s", Endpoint: "http://127.0.0.1:9229",
				Issuer: "http://127.0.0.1:9229/local_1"},
			want: map[string]string{"COGNITO_REGION": "us-east-1",
				"COGNITO_USER_POOL_ID": "local_1", "COGNITO_CLIENT_ID": "c",
				"COGNITO_CLIENT_SECRET": "s", "COGNITO_ENDPOINT": "http://127.0.0.1:9229",
				"COGNITO_ISSUER": "http://127.0.0.1:9229/local_1"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if diff := cmp.Diff(tt.want, tt.res.Env()); diff != "" {
				t.Errorf("Env (-want +got):\n%s", diff)
			}
		})
	}
}

func TestWriteEnvFile(t *testing.T) {
	t.Parallel()
	emulator := &provision.Result{Region: "us-east-1", UserPoolID: "local_1",
		ClientID: "c1", Endpoint: "http://127.0.0.1:9229",
		Issuer: "http://127.0.0.1:9229/local_1"}
	aws := &provision.Result{Region: "eu-west-1", UserPoolID: "eu-west-1_B",
		ClientID: "c2", ClientSecret: "s2"}

	t.Run("new_file_holds_the_result_and_is_private", func(t *testing.T) {
		t.Parallel()
		path := filepath.Join(t.TempDir(), ".env")
		if err := provision.WriteEnvFile(path, emulator); err != nil {
			t.Fatal(err)
		}
		assertEnvFile(t, path, emulator.Env())
		assertPrivate(t, path)
	})

	t.Run("rewrite_keeps_other_variables_and_drops_stale_ones", func(t *testing.T) {
		t.Parallel()
		path := filepath.Join(t.TempDir(), ".env")
		if err := os.WriteFile(path, []byte("DATABASE_URL=sqlite:x.db\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := provision.WriteEnvFile(path, emulator); err != nil {
			t.Fatal(err)
		}
		if err := provision.WriteEnvFile(path, aws); err != nil {
			t.Fatal(err)
		}
		want := aws.Env()
		want["DATABASE_URL"] = "sqlite:x.db"
		assertEnvFile(t, path, want) // no COGNITO_ENDPOINT or COGNITO_ISSUER left
		assertPrivate(t, path)
	})

	t.Run("new_file_gets_an_internal_api_token", func(t *testing.T) {
		t.Parallel()
		path := filepath.Join(t.TempDir(), ".env")
		if err := provision.WriteEnvFile(path, aws); err != nil {
			t.Fatal(err)
		}
		first := readEnv(t, path)["INTERNAL_API_TOKEN"]
		if len(first) < 32 {
			t.Fatalf("INTERNAL_API_TOKEN %d characters, want at least 32", len(first))
		}
		if err := provision.WriteEnvFile(path, emulator); err != nil {
			t.Fatal(err)
		}
		if again := readEnv(t, path)["INTERNAL_API_TOKEN"]; again != first {
			t.Error("a re-run replaced the internal API token")
		}
		other := filepath.Join(t.TempDir(), ".env")
		if err := provision.WriteEnvFile(other, aws); err != nil {
			t.Fatal(err)
		}
		if readEnv(t, other)["INTERNAL_API_TOKEN"] == first {
			t.Error("two files got the same internal API token")
		}
	})

	t.Run("existing_internal_api_token_is_kept", func(t *testing.T) {
		t.Parallel()
		path := filepath.Join(t.TempDir(), ".env")
		const mine = "INTERNAL_API_TOKEN=0123456789abcdef0123456789abcdef\n"
		if err := os.WriteFile(path, []byte(mine), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := provision.WriteEnvFile(path, aws); err != nil {
			t.Fatal(err)
		}
		if got := readEnv(t, path)["INTERNAL_API_TOKEN"]; got !=
			"0123456789abcdef0123456789abcdef" {
			t.Errorf("INTERNAL_API_TOKEN = %q, want the one already there", got)
		}
	})

	t.Run("unreadable_path_is_an_error", func(t *testing.T) {
		t.Parallel()
		if err := provision.WriteEnvFile(t.TempDir(), aws); err == nil {
			t.Fatal("writing over a directory succeeded")
		}
	})
}

// assertEnvFile compares the file with want, leaving out the internal API
// token, which is random; TestWriteEnvFile checks it on its own.
func assertEnvFile(t *testing.T, path string, want map[string]string) {
	t.Helper()
	got := readEnv(t, path)
	delete(got, "INTERNAL_API_TOKEN")
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("%s (-want +got):\n%s", path, diff)
	}
}

func readEnv(t *testing.T, path string) map[string]string {
	t.Helper()
	env, err := godotenv.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	return env
}

func assertPrivate(t *testing.T, path string) {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if mode := st.Mode().Perm(); mode != 0o600 {
		t.Errorf("%s has mode %o, want 600: it may hold the client secret", path, mode)
	}
}

func TestEmulatorIssuer(t *testing.T) {
	t.Parallel()
	for _, endpoint := range []string{"http://127.0.0.1:9229", "http://127.0.0.1:9229/"} {
		if got := provision.EmulatorIssuer(endpoint, "local_1"); got !=
			"http://127.0.0.1:9229/local_1" {
			t.Errorf("EmulatorIssuer(%q) = %q", endpoint, got)
		}
	}
}
