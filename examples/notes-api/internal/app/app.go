// Package app assembles the notes service from its configuration: the
// identity provider (a configured Cognito pool, or the embedded fake), the
// store, the token verifier and the two HTTP listeners.
package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant"
	"github.com/cognitotenant/cognitotenant-go/cognitotenant/middleware"
	"github.com/cognitotenant/cognitotenant-go/cognitotenant/rbac"
	"github.com/cognitotenant/cognitotenant-go/examples/notes-api/internal/auth"
	"github.com/cognitotenant/cognitotenant-go/examples/notes-api/internal/config"
	"github.com/cognitotenant/cognitotenant-go/examples/notes-api/internal/provision"
	"github.com/cognitotenant/cognitotenant-go/examples/notes-api/internal/server"
	"github.com/cognitotenant/cognitotenant-go/examples/notes-api/internal/store"
)

// App is a running service. Its exported fields describe it for the
// start-up banner and for tests; they do not change after Start.
type App struct {
	Config config.Config
	// PublicURL and InternalURL are the bound listeners, as base URLs.
	PublicURL   string
	InternalURL string
	// InternalToken is the internal API's bearer secret, and
	// TokenGenerated whether the service made it up.
	InternalToken  string
	TokenGenerated bool
	// Demo is the seeded demo account in the embedded mode, else nil.
	Demo *Demo

	log     *slog.Logger
	servers []*http.Server
	closers []func()
	errc    chan error
}

// Start brings the service up as cfg says and returns once both listeners
// accept connections. On error everything started so far is stopped again.
func Start(ctx context.Context, cfg config.Config, log *slog.Logger) (_ *App, err error) {
	a := &App{Config: cfg, log: log, errc: make(chan error, 2)}
	defer func() {
		if err != nil {
			a.closeAll()
		}
	}()

	if err := a.identityProvider(); err != nil {
		return nil, err
	}
	st, err := a.openStore(ctx)
	if err != nil {
		return nil, err
	}
	verifier, keys, err := a.newVerifier(ctx)
	if err != nil {
		return nil, err
	}
	idp, err := a.newIdentity(ctx)
	if err != nil {
		return nil, err
	}
	policy := rbac.Default()
	authn, err := middleware.New(verifier, middleware.WithPolicy(policy),
		middleware.WithLogger(log))
	if err != nil {
		return nil, err
	}
	srv, err := server.New(server.Deps{
		Logger: log, Auth: authn, Policy: policy, Identity: idp, Store: st,
		KeysReady: keys.ready, InternalToken: a.InternalToken,
	})
	if err != nil {
		return nil, err
	}
	if a.PublicURL, err = a.serve(a.Config.Addr, srv.Public()); err != nil {
		return nil, err
	}
	if a.InternalURL, err = a.serve(a.Config.InternalAddr, srv.Internal()); err != nil {
		return nil, err
	}
	return a, nil
}

// identityProvider starts the fake Cognito in the embedded mode and picks
// the internal API token.
func (a *App) identityProvider() error {
	a.InternalToken = a.Config.InternalAPIToken
	if a.Config.Mode != config.ModeEmbedded {
		return nil
	}
	fake, demo, err := startFake(&a.Config, a.log)
	if err != nil {
		return err
	}
	a.closers = append(a.closers, fake.Close)
	a.Demo = demo
	if a.InternalToken == "" {
		if a.InternalToken, err = newInternalToken(); err != nil {
			return err
		}
		a.TokenGenerated = true
	}
	return nil
}

func (a *App) openStore(ctx context.Context) (store.Store, error) {
	st, err := store.Open(ctx, a.Config.DatabaseURL, store.WithLogger(a.log))
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	a.closers = append(a.closers, func() { _ = st.Close() })
	if a.Demo != nil {
		t, err := store.ParseTenantID(a.Demo.Tenant)
		if err != nil {
			return nil, err
		}
		if err := st.EnsureTenant(ctx, t, "Demo tenant"); err != nil {
			return nil, fmt.Errorf("register demo tenant: %w", err)
		}
	}
	return st, nil
}

func (a *App) newVerifier(ctx context.Context) (*cognitotenant.Verifier, *keyHealth,
	error) {
	c := a.Config.Cognito
	keys := &keyHealth{maxStale: cognitotenant.DefaultMaxStaleness}
	v, err := cognitotenant.New(cognitotenant.Config{
		Pools: []cognitotenant.Pool{{
			UserPoolID: c.UserPoolID,
			Region:     c.Region,
			ClientIDs:  []string{c.ClientID},
			TokenUse:   cognitotenant.TokenUse(c.TokenUse),
			Issuer:     c.Issuer,
			JWKSURL:    c.JWKSURL,
		}},
		TenantClaim: c.TenantClaim,
		// The store's rule for tenant ids, applied at verification: a
		// token whose tenant the store would refuse is a 401, before any
		// handler runs.
		TenantValidator: func(s string) error {
			_, err := store.ParseTenantID(s)
			return err
		},
		TokenCacheSize: cognitotenant.DefaultTokenCacheSize,
		Logger:         a.log,
		Hooks:          keys,
	})
	if err != nil {
		return nil, nil, fmt.Errorf("token verifier: %w", err)
	}
	a.closers = append(a.closers, func() { _ = v.Close() })
	keys.verifier = v

	// A key set outage at start-up is not fatal: the verifier retries on
	// demand and /readyz reports it.
	wctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := v.WarmUp(wctx); err != nil {
		a.log.Warn("signing keys not fetched at start-up", "issuer", c.Issuer, "err", err)
	}
	return v, keys, nil
}

func (a *App) newIdentity(ctx context.Context) (*auth.Client, error) {
	c := a.Config.Cognito
	var api *cip.Client
	if a.Config.Mode == config.ModeEmbedded {
		// The fake checks no signature; fixed credentials keep the SDK
		// from searching the machine for real ones.
		api = cip.NewFromConfig(aws.Config{
			Region:       c.Region,
			Credentials:  credentials.NewStaticCredentialsProvider("local", "local", ""),
			BaseEndpoint: aws.String(c.Endpoint),
		})
	} else {
		// The setup command's client: AWS's default credential chain, or
		// placeholder credentials for an emulator when none are set.
		var err error
		if api, err = provision.NewClient(ctx, c.Region, c.Endpoint); err != nil {
			return nil, err
		}
	}
	return auth.New(api, auth.Options{
		UserPoolID: c.UserPoolID, ClientID: c.ClientID, ClientSecret: c.ClientSecret,
	})
}

// serve listens on addr and serves h until Shutdown, returning the base URL
// of the bound address (which differs from addr for port 0).
func (a *App) serve(addr string, h http.Handler) (string, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return "", fmt.Errorf("listen on %s: %w", addr, err)
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(a.log.Handler(), slog.LevelWarn),
	}
	a.servers = append(a.servers, srv)
	go func() {
		if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			a.errc <- err
		}
	}()
	return "http://" + ln.Addr().String(), nil
}

// Err delivers an error when a listener stops on its own.
func (a *App) Err() <-chan error { return a.errc }

// Shutdown stops accepting requests, waits for those in flight until ctx
// ends, then closes the store, the verifier and the fake Cognito.
func (a *App) Shutdown(ctx context.Context) error {
	var errs []error
	for _, s := range a.servers {
		errs = append(errs, s.Shutdown(ctx))
	}
	a.closeAll()
	return errors.Join(errs...)
}

func (a *App) closeAll() {
	for i := len(a.closers) - 1; i >= 0; i-- {
		a.closers[i]()
	}
	a.closers = nil
	for _, s := range a.servers {
		_ = s.Close()
	}
}
