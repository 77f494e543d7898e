package cognitotenant

import (
	"context"
	"log/slog"
	"net/http"
	"time"
)

// TokenUseBoth is a [Pool.TokenUse] that accepts ID and access tokens
// alike. It exists so that accepting either kind is a written decision:
// an empty TokenUse is a configuration error, never a silent "either". No
// token carries it; [Claims.TokenUse] is always TokenUseID or TokenUseAccess.
const TokenUseBoth TokenUse = "id+access"

// Defaults applied to a zero field of [Config].
const (
	DefaultTenantClaim     = "custom:tenant_id"
	DefaultLeeway          = 30 * time.Second
	DefaultMaxTenantLength = 256
	DefaultRefreshInterval = time.Hour
	DefaultRefreshCooldown = 10 * time.Second
	DefaultMaxBackoff      = 2 * time.Minute
	DefaultMaxStaleness    = 24 * time.Hour
	DefaultFetchTimeout    = 10 * time.Second
	// DefaultTokenCacheSize is a sensible [Config.TokenCacheSize] for a
	// service; the cache is off unless a size is set.
	DefaultTokenCacheSize = 10000
	// MaxKeySetBytes caps a key set response; Cognito's is under 2 KiB.
	MaxKeySetBytes = 1 << 20
)

// Config configures a [Verifier]. Only Pools is required; every other zero
// field takes the documented default. New copies what it needs, so a
// Config may be reused after New returns.
type Config struct {
	// Pools are the user pools whose tokens are accepted, each with its
	// own issuers, app clients and key cache.
	Pools []Pool

	// TenantClaim names the claim holding the tenant id;
	// DefaultTenantClaim when empty. A pre-token-generation trigger may
	// copy it under another name, such as "tenant_id".
	TenantClaim string
	// TenantOptional accepts tokens without a tenant claim, leaving
	// Claims.TenantID empty. A claim that is present but not a non-empty
	// string of at most MaxTenantLength bytes is still refused.
	TenantOptional bool
	// MaxTenantLength bounds the tenant value in bytes;
	// DefaultMaxTenantLength when zero.
	MaxTenantLength int
	// TenantValidator, when set, vets every tenant value, on every Verify
	// call including those served from the token cache, so that a tenant
	// it stops accepting is refused at once; an error refuses the token
	// with ErrTenantMissing and is wrapped. It must be safe for concurrent
	// use.
	TenantValidator func(tenant string) error

	// Leeway is the clock skew tolerated on exp, nbf and iat;
	// DefaultLeeway when zero, none when negative.
	Leeway time.Duration
	// MaxAge, when positive, refuses tokens issued (iat) longer ago.
	MaxAge time.Duration
	// CustomCheck runs last, only on tokens that passed every other
	// check, on every Verify call including those served from the token
	// cache, so a revocation denylist keyed by Claims.OriginJTI belongs
	// here. An error refuses the token with ErrCustomCheck, wrapping it,
	// so errors.As still finds the check's own types; an error that wraps
	// one of this package's sentinels makes errors.Is match that one too,
	// which is why status mapping should use ReasonOf. It must be safe for
	// concurrent use and must not modify the claims.
	CustomCheck func(ctx context.Context, c *Claims) error

	// TokenCacheSize bounds the cache of verified tokens, which lets a
	// token seen before skip the RSA operation. Zero disables it; see
	// DefaultTokenCacheSize.
	TokenCacheSize int

	// RefreshInterval is how often a key set is refetched in the
	// background (with jitter), and so how long a key Cognito removed
	// keeps verifying; DefaultRefreshInterval when zero.
	RefreshInterval time.Duration
	// RefreshCooldown is the pause after a fetch during which an unknown
	// kid fails at once instead of fetching again, and the first step of
	// the backoff after a failed fetch; DefaultRefreshCooldown when zero.
	RefreshCooldown time.Duration
	// MaxBackoff caps the growing delay between failed fetches;
	// DefaultMaxBackoff when zero.
	MaxBackoff time.Duration
	// MaxStaleness is how long after the last good fetch its keys keep
	// verifying while refreshes fail; DefaultMaxStaleness when zero.
	MaxStaleness time.Duration
	// FetchTimeout bounds one key set request; DefaultFetchTimeout when
	// zero.
	FetchTimeout time.Duration

	// HTTPClient fetches key sets; http.DefaultClient when nil. Set one
	// to go through a proxy or to pin TLS roots.
	HTTPClient *http.Client
	// Logger receives Debug lines for routine decisions and Warn lines
	// for key set trouble, never a token; nothing is logged when nil.
	Logger *slog.Logger
	// Hooks observe refreshes and outcomes, for metrics; may be nil.
	Hooks Hooks
	// Clock replaces time.Now, for tests.
	Clock func() time.Time
}

// Pool is one Cognito user pool a [Verifier] accepts tokens from.
type Pool struct {
	// UserPoolID is "<region>_<suffix>", such as "eu-west-1_AbCdEf123".
	UserPoolID string
	// Region is the pool's region; the part of UserPoolID before "_" when
	// empty. When set it must agree with that prefix, unless Issuer is
	// overridden.
	Region string
	// ClientIDs are the app clients allowed: matched against aud in ID
	// tokens and client_id in access tokens. At least one is required.
	ClientIDs []string
	// TokenUse is the kind of token accepted: TokenUseID, TokenUseAccess
	// or TokenUseBoth. Required.
	TokenUse TokenUse

	// Issuer overrides the issuer, for emulators such as cognito-local
	// ("http://127.0.0.1:9229/local_abc"). Only this issuer is accepted.
	Issuer string
	// JWKSURL overrides where the key set of Issuer is fetched; by
	// default Issuer + "/.well-known/jwks.json".
	JWKSURL string
	// StaticJWKS, when set, is the pool's key set as JSON: it is parsed
	// by New and never fetched, for air-gapped services and tests. It
	// applies to every issuer of the pool.
	StaticJWKS []byte

	// MultiRegionIssuer also accepts the multi-Region issuer form
	// https://issuer-cognito-idp.<region>.amazonaws.com/<poolId>, with its
	// own key set, for pools whose issuer configuration is UPDATED. Its
	// key set answers 403 for other pools, so it is fetched only when set.
	MultiRegionIssuer bool
	// ReplicaRegions also accepts the original issuer form of these
	// Regions, which replicas of a pool with the ORIGINAL issuer type may
	// put in iss, each with its own key set.
	ReplicaRegions []string
}
