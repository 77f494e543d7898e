// Package config reads the notes service's settings from the environment and
// an optional .env file, and refuses bad values with one line that names the
// variable at fault.
//
// The variables, all optional until COGNITO_USER_POOL_ID is set:
//
//	COGNITO_USER_POOL_ID   pool id; unset means the embedded mode
//	COGNITO_CLIENT_ID      app client id (required with a pool)
//	COGNITO_CLIENT_SECRET  app client secret; SECRET_HASH is then sent
//	COGNITO_REGION         default: the pool id's prefix
//	COGNITO_ENDPOINT       Cognito API endpoint, for emulators
//	COGNITO_ISSUER         token issuer, for emulators; default Cognito's
//	COGNITO_JWKS_URL       key set URL; default <issuer>/.well-known/jwks.json
//	COGNITO_TOKEN_USE      "id" (default) or "access"
//	COGNITO_TENANT_CLAIM   default custom:tenant_id; name the trigger's
//	                       claim when COGNITO_TOKEN_USE is "access"
//	DATABASE_URL           sqlite:<path> or postgres://...; default
//	                       sqlite:data/notes.db
//	ADDR                   public listener, default 127.0.0.1:8080
//	INTERNAL_ADDR          internal listener, default 127.0.0.1:8081
//	INTERNAL_API_TOKEN     internal API secret, at least 32 characters;
//	                       required with a pool, generated when embedded
//	LOG_LEVEL              debug, info (default), warn or error
package config

import (
	"errors"
	"fmt"
	"log/slog"
	"os"

	"github.com/joho/godotenv"
)

// Mode says where the service gets its identity provider from.
type Mode int

const (
	// ModeEmbedded runs an in-process fake Cognito with a seeded demo user.
	// It is chosen when no user pool is configured, and is for local use only.
	ModeEmbedded Mode = iota
	// ModeCognito talks to a configured user pool: AWS or an emulator.
	ModeCognito
)

// String returns "embedded" or "cognito".
func (m Mode) String() string {
	if m == ModeEmbedded {
		return "embedded"
	}
	return "cognito"
}

// Default values for variables left unset.
const (
	DefaultAddr         = "127.0.0.1:8080"
	DefaultInternalAddr = "127.0.0.1:8081"
	DefaultDatabaseURL  = "sqlite:data/notes.db"
	DefaultTenantClaim  = "custom:tenant_id"
)

// Config is the service's complete configuration. A Config returned by Load
// or FromLookup has passed every check in this package.
type Config struct {
	// Mode is ModeEmbedded when COGNITO_USER_POOL_ID is unset.
	Mode Mode
	// Cognito is empty in ModeEmbedded until the fake Cognito starts.
	Cognito Cognito
	// DatabaseURL is "sqlite:<path>" or "postgres://...".
	DatabaseURL string
	// Addr is the public API's listen address.
	Addr string
	// InternalAddr is the internal API's listen address; keep it off the
	// public network, since its token opens every tenant.
	InternalAddr string
	// InternalAPIToken is the bearer secret of the internal API. It is empty
	// only in ModeEmbedded, where the service generates and prints one.
	InternalAPIToken string
	// LogLevel is the minimum level of the service's logs.
	LogLevel slog.Level
}

// Cognito is how the service reaches and trusts one Cognito user pool.
type Cognito struct {
	Region       string
	UserPoolID   string
	ClientID     string
	ClientSecret string
	// Endpoint replaces the AWS endpoint, for emulators; empty for AWS.
	Endpoint string
	// Issuer is the iss tokens must carry.
	Issuer string
	// JWKSURL is where the pool's signing keys are served.
	JWKSURL string
	// TokenUse is "id" or "access": the one kind of bearer token accepted.
	TokenUse string
	// TenantClaim is the claim that names the caller's tenant.
	TenantClaim string
}

// Error reports one bad variable. Its message is one line that starts with
// the variable's name and never contains the variable's value, so secrets
// do not reach logs.
type Error struct {
	Var     string
	Problem string
	// Cause, when set, is the variable whose presence made Var required:
	// a COGNITO_ variable, which switches off the embedded mode.
	Cause string
	// File and CauseFile name the .env file that set Var or Cause, when
	// the environment did not: the file is then what to fix.
	File, CauseFile string
}

// Error implements error.
func (e *Error) Error() string {
	if e.Cause == "" {
		return e.Var + ": " + e.Problem + from(e.File)
	}
	undo := "unset the COGNITO_ variables"
	if e.CauseFile != "" {
		undo = "remove the COGNITO_ variables from " + e.CauseFile
	}
	return fmt.Sprintf("%s: required because %s is set%s; %s, or %s for the embedded mode",
		e.Var, e.Cause, from(e.CauseFile), e.Problem, undo)
}

func from(file string) string {
	if file == "" {
		return ""
	}
	return " (from " + file + ")"
}

// required reports name missing although cause is set; fix says how to
// provide it.
func required(name, cause, fix string) error {
	return &Error{Var: name, Cause: cause, Problem: fix}
}

func bad(name, format string, args ...any) error {
	return &Error{Var: name, Problem: fmt.Sprintf(format, args...)}
}

// Load reads the process environment and, when dotenvPath names an existing
// file, the variables it sets. The environment wins over the file, so a
// deployment can override a checked-out .env. A missing file is not an error.
func Load(dotenvPath string) (Config, error) {
	file := map[string]string{}
	if dotenvPath != "" {
		m, err := godotenv.Read(dotenvPath)
		switch {
		case err == nil:
			file = m
		case errors.Is(err, os.ErrNotExist):
		default:
			return Config{}, bad(dotenvPath, "cannot read: %v", err)
		}
	}
	c, err := FromLookup(func(k string) (string, bool) {
		if v, ok := os.LookupEnv(k); ok {
			return v, true
		}
		v, ok := file[k]
		return v, ok
	})

	// A .env file left by the setup command switches the mode without a
	// word; an error it caused says so, or the reader looks elsewhere.
	fromFile := func(k string) string {
		if _, inEnv := os.LookupEnv(k); k == "" || inEnv || file[k] == "" {
			return ""
		}
		return dotenvPath
	}
	var ce *Error
	if errors.As(err, &ce) {
		ce.File, ce.CauseFile = fromFile(ce.Var), fromFile(ce.Cause)
	}
	return c, err
}
