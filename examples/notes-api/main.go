// Command notes-api is a multi-tenant notes service built on cognitotenant.
//
// With nothing configured it runs on embedded defaults: an in-process fake
// Cognito with a demo user, and SQLite under ./data. Set COGNITO_USER_POOL_ID
// and the other variables described in docs/ (or a .env file) to use a real
// user pool and PostgreSQL.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/cognitotenant/cognitotenant-go/examples/notes-api/internal/app"
	"github.com/cognitotenant/cognitotenant-go/examples/notes-api/internal/config"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cfg, err := config.Load(".env")
	if err != nil {
		// One line naming the variable: config.Error's message starts with it.
		fmt.Fprintln(os.Stderr, "notes-api: bad configuration:", err)
		os.Exit(2)
	}
	if err := run(ctx, cfg, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "notes-api:", err)
		os.Exit(1)
	}
}

// run starts the service, prints its banner to stdout and logs to stderr,
// and serves until ctx ends or a listener fails.
func run(ctx context.Context, cfg config.Config, stdout, stderr io.Writer) error {
	log := slog.New(slog.NewJSONHandler(stderr, &slog.HandlerOptions{Level: cfg.LogLevel}))
	a, err := app.Start(ctx, cfg, log)
	if err != nil {
		return err
	}
	a.WriteBanner(stdout)

	select {
	case <-ctx.Done():
	case err = <-a.Err():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return errors.Join(err, a.Shutdown(sctx))
}
