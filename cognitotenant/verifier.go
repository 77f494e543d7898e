package cognitotenant

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"sync"
	"time"
)

// Verifier verifies Cognito tokens against one or more user pools. It is
// safe for concurrent use; Close stops its background key refreshes.
type Verifier struct {
	issuers map[string]*issuerState
	decoder *payloadDecoder
	headers headerCache
	rules   claimRules
	custom  func(context.Context, *Claims) error
	cache   *tokenCache
	now     func() time.Time
	log     *slog.Logger
	hooks   Hooks
	env     *keyEnv
	stop    context.CancelFunc
	once    sync.Once
}

// issuerState is one accepted iss: its pool's rules and its key cache.
type issuerState struct {
	pool *poolRules
	keys *keySet
}

// New validates cfg and returns a Verifier. It makes no network call: key
// sets are fetched on first use or by WarmUp. Every configuration error
// wraps ErrConfig.
func New(cfg Config) (*Verifier, error) {
	if len(cfg.Pools) == 0 {
		return nil, configErr("no user pool configured")
	}
	if cfg.TokenCacheSize < 0 {
		return nil, configErr("TokenCacheSize is negative")
	}
	dec, err := newPayloadDecoder(withDefault(cfg.TenantClaim, DefaultTenantClaim))
	if err != nil {
		return nil, err
	}
	env, err := newKeyEnv(&cfg)
	if err != nil {
		return nil, err
	}
	v := &Verifier{
		issuers: map[string]*issuerState{},
		decoder: dec,
		rules:   newClaimRules(&cfg),
		custom:  cfg.CustomCheck,
		cache:   newTokenCache(cfg.TokenCacheSize),
		now:     env.now,
		log:     env.log,
		hooks:   env.hooks,
		env:     env,
	}
	if err := v.addPools(cfg.Pools); err != nil {
		return nil, err
	}
	env.base, v.stop = context.WithCancel(context.Background())
	return v, nil
}

func (v *Verifier) addPools(pools []Pool) error {
	for i := range pools {
		specs, err := pools[i].issuers()
		if err != nil {
			return err
		}
		for _, s := range specs {
			if _, dup := v.issuers[s.issuer]; dup {
				return configErr("issuer %s is configured twice", s.issuer)
			}
			ks := &keySet{issuer: s.issuer, url: s.jwksURL, env: v.env}
			if s.static != nil {
				if ks, err = newStaticKeySet(s.issuer, s.static, v.env); err != nil {
					return err
				}
			}
			v.issuers[s.issuer] = &issuerState{pool: s.pool, keys: ks}
		}
	}
	return nil
}

func newKeyEnv(cfg *Config) (*keyEnv, error) {
	for _, d := range []time.Duration{cfg.RefreshInterval, cfg.RefreshCooldown,
		cfg.MaxBackoff, cfg.MaxStaleness, cfg.FetchTimeout, cfg.MaxAge} {
		if d < 0 {
			return nil, configErr("durations other than Leeway must not be negative")
		}
	}
	env := &keyEnv{
		client:     cfg.HTTPClient,
		now:        cfg.Clock,
		log:        cfg.Logger,
		hooks:      cfg.Hooks,
		interval:   withDefault(cfg.RefreshInterval, DefaultRefreshInterval),
		cooldown:   withDefault(cfg.RefreshCooldown, DefaultRefreshCooldown),
		maxBackoff: withDefault(cfg.MaxBackoff, DefaultMaxBackoff),
		maxStale:   withDefault(cfg.MaxStaleness, DefaultMaxStaleness),
		timeout:    withDefault(cfg.FetchTimeout, DefaultFetchTimeout),
	}
	if env.client == nil {
		env.client = http.DefaultClient
	}
	if env.now == nil {
		env.now = time.Now
	}
	if env.log == nil {
		env.log = slog.New(slog.DiscardHandler)
	}
	if env.hooks == nil {
		env.hooks = NoHooks{}
	}
	env.maxBackoff = max(env.maxBackoff, env.cooldown)
	return env, nil
}

func newClaimRules(cfg *Config) claimRules {
	leeway := withDefault(cfg.Leeway, DefaultLeeway)
	return claimRules{
		leeway:          max(leeway, 0),
		maxAge:          cfg.MaxAge,
		tenantOptional:  cfg.TenantOptional,
		maxTenantLength: withDefault(cfg.MaxTenantLength, DefaultMaxTenantLength),
		tenantValidator: cfg.TenantValidator,
	}
}

func withDefault[T comparable](v, def T) T {
	var zero T
	if v == zero {
		return def
	}
	return v
}

// Verify checks token and returns its claims, or a *VerifyError whose
// Reason says why it was refused; errors.Is matches the error against the
// package's sentinels. Only ErrKeysUnavailable leaves the token undecided.
// ctx bounds any wait for a key set fetch. The returned *Claims may be
// shared with other callers and must not be modified.
func (v *Verifier) Verify(ctx context.Context, token string) (*Claims, error) {
	c, err := v.verify(ctx, token)
	if err != nil {
		ve := asVerifyError(err)
		v.hooks.Outcome(ve.Issuer, ve.Reason)
		if v.log.Enabled(ctx, slog.LevelDebug) {
			v.log.DebugContext(ctx, "cognitotenant: token refused", "reason", ve.Reason,
				"issuer", ve.Issuer, "kid", ve.KeyID)
		}
		return nil, ve
	}
	v.hooks.Outcome(c.Issuer, "")
	return c, nil
}

func asVerifyError(err error) *VerifyError {
	var ve *VerifyError
	if errors.As(err, &ve) {
		return ve
	}
	return newRefusal(err, "", "")
}

func (v *Verifier) verify(ctx context.Context, token string) (*Claims, error) {
	now := v.now()
	digest, sig, ok := splitSignature(token)
	if !ok {
		return nil, errMalformed("not three dot-separated segments, or too long")
	}
	if v.cache != nil {
		if c, ok, err := v.cached(&digest, sig, now); ok {
			if err != nil {
				return nil, err
			}
			return c, v.runCustom(ctx, c)
		}
	}

	c, entry, err := v.verifyCold(ctx, token, sig, &digest, now)
	if err != nil {
		return nil, err
	}
	if v.cache != nil {
		v.cache.put(&digest, entry, now)
	}
	return c, v.runCustom(ctx, c)
}

// cached returns the claims of a token verified before, provided it has
// not expired and the key that verified it is still in its issuer's set.
// A hit is refused, but kept, when the TenantValidator now refuses its
// tenant: the validator may accept it again later.
func (v *Verifier) cached(key *tokenKey, sig string, now time.Time) (*Claims, bool, error) {
	e, ok := v.cache.get(key, sig, now)
	if !ok {
		return nil, false, nil
	}
	if e.keys.current(e.key.kid, now) != e.key {
		v.cache.remove(key)
		return nil, false, nil
	}
	if err := v.rules.validateTenant(e.claims.TenantID); err != nil {
		return nil, true, newRefusal(err, e.claims.Issuer, e.key.kid)
	}
	return e.claims, true, nil
}

func (v *Verifier) runCustom(ctx context.Context, c *Claims) error {
	if v.custom == nil {
		return nil
	}
	if err := v.custom(ctx, c); err != nil {
		ve := newRefusal(refuse(ErrCustomCheck, "%w", err), c.Issuer, "")
		return ve
	}
	return nil
}
