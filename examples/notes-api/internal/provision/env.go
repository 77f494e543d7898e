package provision

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/joho/godotenv"
)

// Env returns the variables the notes service reads to reach this pool.
// COGNITO_CLIENT_SECRET, COGNITO_ENDPOINT and COGNITO_ISSUER appear only
// when set, so a real-AWS result never points the service at an emulator.
func (r *Result) Env() map[string]string {
	env := map[string]string{
		"COGNITO_REGION":       r.Region,
		"COGNITO_USER_POOL_ID": r.UserPoolID,
		"COGNITO_CLIENT_ID":    r.ClientID,
	}
	for k, v := range map[string]string{
		"COGNITO_CLIENT_SECRET": r.ClientSecret,
		"COGNITO_ENDPOINT":      r.Endpoint,
		"COGNITO_ISSUER":        r.Issuer,
	} {
		if v != "" {
			env[k] = v
		}
	}
	return env
}

// envKeys are the variables a result owns in a .env file; a re-run
// replaces all of them, removing those the new result leaves unset.
var envKeys = []string{
	"COGNITO_REGION", "COGNITO_USER_POOL_ID", "COGNITO_CLIENT_ID",
	"COGNITO_CLIENT_SECRET", "COGNITO_ENDPOINT", "COGNITO_ISSUER",
}

// WriteEnvFile writes r's variables into the .env file at path, keeping the
// other variables already there (comments and ordering are not kept). It
// also writes a random INTERNAL_API_TOKEN when the file has none, since the
// service refuses to start against a pool without one; an existing token is
// kept. The file is readable by its owner only, since it holds secrets.
func WriteEnvFile(path string, r *Result) error {
	env, err := godotenv.Read(path)
	if errors.Is(err, os.ErrNotExist) {
		env, err = map[string]string{}, nil
	}
	if err != nil {
		return fmt.Errorf("provision: read %s: %w", path, err)
	}
	for _, k := range envKeys {
		delete(env, k)
	}
	for k, v := range r.Env() {
		env[k] = v
	}
	if env["INTERNAL_API_TOKEN"] == "" {
		env["INTERNAL_API_TOKEN"] = newInternalToken()
	}

	text, err := godotenv.Marshal(env)
	if err != nil {
		return fmt.Errorf("provision: render %s: %w", path, err)
	}
	if err := os.WriteFile(path, []byte(text+"\n"), 0o600); err != nil {
		return fmt.Errorf("provision: write %s: %w", path, err)
	}
	// WriteFile keeps the mode of a file that already exists.
	if err := os.Chmod(path, 0o600); err != nil {
		return fmt.Errorf("provision: restrict %s: %w", path, err)
	}
	return nil
}

// EmulatorIssuer is the iss an emulator at endpoint stamps on the pool's
// tokens, as cognito-local and the testutil fake both do: the endpoint
// followed by the pool id.
func EmulatorIssuer(endpoint, poolID string) string {
	return strings.TrimSuffix(endpoint, "/") + "/" + poolID
}

// newInternalToken returns 256 random bits in hex, twice the service's
// minimum length.
func newInternalToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // never fails: crypto/rand panics rather than return an error
	return hex.EncodeToString(b)
}
