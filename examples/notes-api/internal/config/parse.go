package config

import (
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"strconv"
	"strings"
)

// minTokenLen is the shortest internal API token accepted: the token opens
// every tenant, so a guessable one is a configuration error.
const minTokenLen = 32

// cognitoVars switch the service from embedded to Cognito mode when any of
// them is set; a partial set is an error rather than a silent fallback.
var cognitoVars = []string{
	"COGNITO_USER_POOL_ID", "COGNITO_CLIENT_ID", "COGNITO_CLIENT_SECRET",
	"COGNITO_REGION", "COGNITO_ENDPOINT", "COGNITO_ISSUER", "COGNITO_JWKS_URL",
}

// FromLookup builds a Config from lookup, which returns a variable's value
// and whether it is set. Values are trimmed of surrounding blanks; a blank
// value counts as unset. The first bad variable found is returned as *Error.
func FromLookup(lookup func(string) (string, bool)) (Config, error) {
	get := func(k string) string {
		v, _ := lookup(k)
		return strings.TrimSpace(v)
	}
	c := Config{
		Mode:             ModeEmbedded,
		DatabaseURL:      or(get("DATABASE_URL"), DefaultDatabaseURL),
		Addr:             or(get("ADDR"), DefaultAddr),
		InternalAddr:     or(get("INTERNAL_ADDR"), DefaultInternalAddr),
		InternalAPIToken: get("INTERNAL_API_TOKEN"),
	}
	modeVar := "" // the first variable that chose the Cognito mode
	for _, k := range cognitoVars {
		if get(k) != "" && modeVar == "" {
			c.Mode, modeVar = ModeCognito, k
		}
	}

	var err error
	if c.LogLevel, err = parseLevel(get("LOG_LEVEL")); err != nil {
		return Config{}, err
	}
	if err := checkAddr("ADDR", c.Addr); err != nil {
		return Config{}, err
	}
	if err := checkAddr("INTERNAL_ADDR", c.InternalAddr); err != nil {
		return Config{}, err
	}
	if c.Addr == c.InternalAddr && !strings.HasSuffix(c.Addr, ":0") {
		return Config{}, bad("INTERNAL_ADDR", "must differ from ADDR")
	}
	if err := checkDatabaseURL(c.DatabaseURL); err != nil {
		return Config{}, err
	}
	if c.Cognito, err = parseCognito(c.Mode, modeVar, get); err != nil {
		return Config{}, err
	}
	if err := checkToken(modeVar, c.InternalAPIToken); err != nil {
		return Config{}, err
	}
	return c, nil
}

func parseCognito(mode Mode, modeVar string, get func(string) string) (Cognito, error) {
	c := Cognito{
		Region:       get("COGNITO_REGION"),
		UserPoolID:   get("COGNITO_USER_POOL_ID"),
		ClientID:     get("COGNITO_CLIENT_ID"),
		ClientSecret: get("COGNITO_CLIENT_SECRET"),
		Endpoint:     get("COGNITO_ENDPOINT"),
		Issuer:       get("COGNITO_ISSUER"),
		JWKSURL:      get("COGNITO_JWKS_URL"),
		TokenUse:     or(get("COGNITO_TOKEN_USE"), "id"),
		TenantClaim:  or(get("COGNITO_TENANT_CLAIM"), DefaultTenantClaim),
	}
	if c.TokenUse != "id" && c.TokenUse != "access" {
		return Cognito{}, bad("COGNITO_TOKEN_USE", `must be "id" or "access"`)
	}
	if mode == ModeEmbedded {
		// The fake's tokens carry the tenant as Cognito's do without a
		// trigger: in ID tokens, as custom:tenant_id.
		if c.TokenUse != "id" {
			return Cognito{}, bad("COGNITO_TOKEN_USE",
				`must be "id" in the embedded mode (set COGNITO_USER_POOL_ID for a real pool)`)
		}
		if c.TenantClaim != DefaultTenantClaim {
			return Cognito{}, bad("COGNITO_TENANT_CLAIM",
				"must be %s in the embedded mode", DefaultTenantClaim)
		}
		return c, nil
	}

	if c.UserPoolID == "" {
		return Cognito{}, required("COGNITO_USER_POOL_ID", modeVar, "set the pool id")
	}
	region, _, ok := strings.Cut(c.UserPoolID, "_")
	if !ok || region == "" {
		return Cognito{}, bad("COGNITO_USER_POOL_ID", `must look like "<region>_<id>"`)
	}
	c.Region = or(c.Region, region)
	if c.ClientID == "" {
		return Cognito{}, required("COGNITO_CLIENT_ID", "COGNITO_USER_POOL_ID",
			"set the app client id")
	}
	for _, v := range []struct{ name, val string }{
		{"COGNITO_ENDPOINT", c.Endpoint},
		{"COGNITO_ISSUER", c.Issuer},
		{"COGNITO_JWKS_URL", c.JWKSURL},
	} {
		if err := checkHTTPURL(v.name, v.val); err != nil {
			return Cognito{}, err
		}
	}
	c.Issuer = strings.TrimSuffix(or(c.Issuer, fmt.Sprintf(
		"https://cognito-idp.%s.amazonaws.com/%s", c.Region, c.UserPoolID)), "/")
	c.JWKSURL = or(c.JWKSURL, c.Issuer+"/.well-known/jwks.json")
	if c.TokenUse == "access" && c.TenantClaim == DefaultTenantClaim {
		return Cognito{}, bad("COGNITO_TENANT_CLAIM",
			"name the claim your pre-token-generation trigger adds to access tokens")
	}
	return c, nil
}

func checkAddr(name, v string) error {
	_, port, err := net.SplitHostPort(v)
	if err != nil {
		return bad(name, `must be "host:port", such as %q`, DefaultAddr)
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		return bad(name, "port must be a number from 0 to 65535")
	}
	return nil
}

func checkDatabaseURL(v string) error {
	switch {
	case strings.HasPrefix(v, "sqlite:"):
		if strings.TrimPrefix(v, "sqlite:") == "" {
			return bad("DATABASE_URL", `"sqlite:" needs a file path, such as %q`,
				DefaultDatabaseURL)
		}
		return nil
	case strings.HasPrefix(v, "postgres://"), strings.HasPrefix(v, "postgresql://"):
		u, err := url.Parse(v)
		if err != nil || u.Host == "" {
			// The value may hold a password: name the variable, not the value.
			return bad("DATABASE_URL", "is not a valid postgres:// URL")
		}
		return nil
	}
	return bad("DATABASE_URL", `must start with "sqlite:" or "postgres://"`)
}

// checkToken checks the internal API token; modeVar is the variable that
// chose the Cognito mode, empty in the embedded mode.
func checkToken(modeVar, v string) error {
	if v == "" && modeVar != "" {
		return required("INTERNAL_API_TOKEN", modeVar,
			fmt.Sprintf("set a token of at least %d characters", minTokenLen))
	}
	if v != "" && len(v) < minTokenLen {
		return bad("INTERNAL_API_TOKEN", "must be at least %d characters", minTokenLen)
	}
	return nil
}

func checkHTTPURL(name, v string) error {
	if v == "" {
		return nil
	}
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return bad(name, "must be an http:// or https:// URL")
	}
	return nil
}

func parseLevel(v string) (slog.Level, error) {
	var l slog.Level
	if v == "" {
		return slog.LevelInfo, nil
	}
	if err := l.UnmarshalText([]byte(v)); err != nil {
		return 0, bad("LOG_LEVEL", "must be debug, info, warn or error")
	}
	return l, nil
}

func or(v, def string) string {
	if v == "" {
		return def
	}
	return v
}
