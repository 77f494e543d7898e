// Command setup provisions the Cognito user pool the notes service signs in
// against, on AWS or on an emulator, and writes the service's .env values.
//
// Usage:
//
//	go run ./examples/notes-api/cmd/setup [flags]          provision, write .env
//	go run ./examples/notes-api/cmd/setup --check [flags]  audit, change nothing
//
// Provisioning is idempotent: a re-run finds the pool, app client, groups
// and demo user by name and repairs what drifted. --check exits 1 and prints
// one line per finding when an app client can write the tenant attribute, a
// group is missing, or the pool otherwise cannot keep tenants apart.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"os"
	"os/signal"
	"slices"
	"strings"
	"time"

	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/joho/godotenv"

	"github.com/cognitotenant/cognitotenant-go/examples/notes-api/internal/provision"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// options are the command's flags after defaults from the environment.
type options struct {
	check   bool
	region  string
	env     string // the .env file: read by --check, written otherwise
	cfg     provision.Config
	point   string // emulator endpoint
	noWrite bool
}

// run is the command without process globals; it returns the exit code:
// 0 done, 1 findings, 2 usage or Cognito errors.
func run(ctx context.Context, args []string, getenv func(string) string,
	stdout, stderr io.Writer) int {
	opts, err := parseFlags(args, getenv, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(stderr, "setup:", err)
		return 2
	}

	api, err := newClient(ctx, opts)
	if err != nil {
		fmt.Fprintln(stderr, "setup:", err)
		return 2
	}
	opts.region = api.Options().Region
	if opts.check {
		return runCheck(ctx, api, opts, stdout, stderr)
	}
	return runProvision(ctx, api, opts, stdout, stderr)
}

func parseFlags(args []string, getenv func(string) string, stderr io.Writer) (
	options, error) {
	var o options
	fs := flag.NewFlagSet("setup", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.BoolVar(&o.check, "check", false,
		"audit the pool and exit 1 with one line per finding; changes nothing")
	fs.StringVar(&o.region, "region", "", "AWS region (default $COGNITO_REGION, "+
		"else the AWS SDK's: $AWS_REGION, $AWS_DEFAULT_REGION, the profile's; "+
		"us-east-1 with --endpoint)")
	fs.StringVar(&o.point, "endpoint", "", "Cognito endpoint of an emulator, "+
		"e.g. http://127.0.0.1:9229 (default $COGNITO_ENDPOINT with --check)")
	fs.StringVar(&o.env, "env-file", ".env", ".env file to write, or with "+
		"--check to read pool and client ids from")
	fs.BoolVar(&o.noWrite, "no-env-file", false, "print the values without writing them")
	fs.StringVar(&o.cfg.PoolName, "pool-name", provision.DefaultPoolName,
		"user pool name to find or create")
	fs.StringVar(&o.cfg.PoolID, "pool-id", "", "existing pool id; "+
		"never creates one (default $COGNITO_USER_POOL_ID with --check)")
	fs.StringVar(&o.cfg.ClientName, "client-name", provision.DefaultClientName,
		"app client name to find or create")
	fs.BoolVar(&o.cfg.ClientSecret, "client-secret", false,
		"create a confidential app client (the service then sends SECRET_HASH)")
	fs.BoolVar(&o.cfg.ImmutableTenant, "immutable-tenant", false,
		"create the tenant attribute immutable: no one can move a user later")
	fs.BoolVar(&o.cfg.SkipDemo, "no-demo-user", false, "do not create the demo user")
	verbose := fs.Bool("v", false, "log resources found as well as those changed")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}

	level := slog.LevelInfo
	if *verbose {
		level = slog.LevelDebug
	}
	o.cfg.Logger = slog.New(slog.NewTextHandler(stderr,
		&slog.HandlerOptions{Level: level}))
	if o.check {
		if err := o.fromEnvFile(getenv); err != nil {
			return o, err
		}
	}
	// Without either, the AWS SDK resolves the region as every AWS tool
	// does, from AWS_REGION, AWS_DEFAULT_REGION or the shared profile.
	o.region = firstOf(o.region, getenv("COGNITO_REGION"))
	return o, nil
}

// credentialsTimeout bounds the up-front credentials lookup: long enough
// for an SSO or instance-role refresh, short of the SDK's retries against
// an instance metadata service that is not there.
const credentialsTimeout = 3 * time.Second

// newClient returns the Cognito client for o, turning a missing region or,
// against AWS, missing credentials into one line that says what to set.
func newClient(ctx context.Context, o options) (*cip.Client, error) {
	api, err := provision.NewClient(ctx, o.region, o.point)
	if errors.Is(err, provision.ErrNoRegion) {
		return nil, errors.New("no AWS region configured; pass --region, " +
			"or set AWS_REGION or a region in your AWS profile")
	}
	if err != nil {
		return nil, err
	}
	if o.point != "" {
		return api, nil
	}
	if err := provision.RequireCredentials(ctx, api, credentialsTimeout); err != nil {
		// The SDK's reason runs to several lines of retries; -v shows it.
		o.cfg.Logger.Debug("aws credentials", "err", err)
		return nil, errors.New("no AWS credentials found; set AWS_PROFILE or " +
			"AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or use --endpoint URL for " +
			"an emulator (the Fake Cognito URL notes-api prints works)")
	}
	return api, nil
}

// fromEnvFile fills what --check leaves unset from the environment, then
// from the .env file a previous run wrote, so "setup; setup --check" audits
// the pool just provisioned.
func (o *options) fromEnvFile(getenv func(string) string) error {
	file := map[string]string{}
	if o.env != "" {
		m, err := godotenv.Read(o.env)
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("read %s: %w", o.env, err)
		}
		if err == nil {
			file = m
		}
	}
	get := func(k string) string { return firstOf(getenv(k), file[k]) }
	o.cfg.PoolID = firstOf(o.cfg.PoolID, get("COGNITO_USER_POOL_ID"))
	o.cfg.ClientID = get("COGNITO_CLIENT_ID")
	o.point = firstOf(o.point, get("COGNITO_ENDPOINT"))
	o.region = firstOf(o.region, get("COGNITO_REGION"))
	return nil
}

func runProvision(ctx context.Context, api provision.API, o options,
	stdout, stderr io.Writer) int {
	res, err := provision.Provision(ctx, api, o.cfg)
	if err != nil {
		fmt.Fprintln(stderr, "setup:", err)
		return 2
	}
	res.Region = o.region
	if o.point != "" {
		res.Endpoint = o.point
		res.Issuer = provision.EmulatorIssuer(o.point, res.UserPoolID)
	}
	if len(res.Changes) == 0 {
		fmt.Fprintln(stderr, "setup: the pool was already provisioned; nothing changed")
	}

	written := !o.noWrite && o.env != ""
	printEnv(stdout, res.Env(), written)
	if !written {
		return 0
	}
	if err := provision.WriteEnvFile(o.env, res); err != nil {
		fmt.Fprintln(stderr, "setup:", err)
		return 2
	}
	fmt.Fprintf(stderr, "setup: wrote %s\n", o.env)
	return 0
}

func runCheck(ctx context.Context, api provision.API, o options,
	stdout, stderr io.Writer) int {
	findings, err := provision.Audit(ctx, api, o.cfg)
	if err != nil {
		// The package names itself in its errors; under --check that
		// reads as though the audit had changed something.
		fmt.Fprintln(stderr, "setup --check:",
			strings.TrimPrefix(err.Error(), "provision: "))
		return 2
	}
	for _, f := range findings {
		fmt.Fprintln(stdout, "FAIL", f)
	}
	if len(findings) > 0 {
		fmt.Fprintf(stderr, "setup: %d finding(s); the pool is not safe for tenants\n",
			len(findings))
		return 1
	}
	fmt.Fprintln(stdout, "ok: tenant attribute read-only for every app client, "+
		"all groups present")
	return 0
}

// printEnv writes the variables sorted, one KEY=value a line. It hides a
// client secret that went to the .env file: terminals and CI logs keep what
// scrolls by.
func printEnv(w io.Writer, env map[string]string, hideSecret bool) {
	for _, k := range slices.Sorted(maps.Keys(env)) {
		v := env[k]
		if k == "COGNITO_CLIENT_SECRET" && hideSecret {
			v = "(hidden; see the .env file)"
		}
		fmt.Fprintf(w, "%s=%s\n", k, v)
	}
}

func firstOf(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}
