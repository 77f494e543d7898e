package store

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"github.com/jackc/pgx/v5"
)

// PostgresSetup names what ProvisionPostgres creates. Empty role names
// default to Database+"_owner" and Database+"_app"; empty passwords are
// generated.
type PostgresSetup struct {
	Database      string // lower-case identifier, e.g. "notes"
	OwnerRole     string // owns the schema and runs migrations
	OwnerPassword string
	AppRole       string // serves requests; never owns a table
	AppPassword   string
}

// PostgresURLs are the connection URLs ProvisionPostgres prepared: the
// owner's for MigratePostgres, the app role's for Open. Both hold passwords;
// keep them out of logs.
type PostgresURLs struct {
	OwnerURL  string
	AppURL    string
	OwnerRole string
	AppRole   string
}

// ErrInvalidSetup reports a PostgresSetup or URL ProvisionPostgres or
// MigratePostgres cannot use.
var ErrInvalidSetup = errors.New("store: invalid postgres setup")

var pgIdentifier = regexp.MustCompile(`^[a-z_][a-z0-9_]{0,62}$`)

// ProvisionPostgres prepares a PostgreSQL database for the notes service,
// connecting with superuserURL (a role that may create roles and
// databases). It creates or updates two login roles, both NOSUPERUSER
// NOBYPASSRLS NOCREATEDB NOCREATEROLE, creates the database owned by the
// owner role if missing, lets only the app role (besides the owner) connect,
// and keeps other roles from creating objects in its public schema.
//
// It is idempotent; on an existing role it sets the password again, so the
// returned URLs are always current. It applies no migrations: call
// MigratePostgres with the returned OwnerURL next, then Open with AppURL.
func ProvisionPostgres(ctx context.Context, superuserURL string,
	setup PostgresSetup) (PostgresURLs, error) {
	setup, err := completeSetup(setup)
	if err != nil {
		return PostgresURLs{}, err
	}
	urls, err := roleURLs(superuserURL, setup)
	if err != nil {
		return PostgresURLs{}, err
	}

	conn, err := pgx.Connect(ctx, superuserURL)
	if err != nil {
		return PostgresURLs{}, fmt.Errorf("store: connect as superuser: %w", err)
	}
	defer conn.Close(ctx)
	for _, r := range [][2]string{
		{setup.OwnerRole, setup.OwnerPassword}, {setup.AppRole, setup.AppPassword},
	} {
		if err := ensureRole(ctx, conn, r[0], r[1]); err != nil {
			return PostgresURLs{}, err
		}
	}
	if err := ensureDatabase(ctx, conn, setup); err != nil {
		return PostgresURLs{}, err
	}

	// Schema privileges live inside the new database.
	dbURL, _ := withDatabase(superuserURL, setup.Database, nil)
	dbConn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		return PostgresURLs{}, fmt.Errorf("store: connect to new database: %w", err)
	}
	defer dbConn.Close(ctx)
	err = execFormatted(ctx, dbConn, `REVOKE CREATE ON SCHEMA public FROM PUBLIC`)
	if err == nil {
		err = execFormatted(ctx, dbConn, `GRANT USAGE, CREATE ON SCHEMA public TO %I`,
			setup.OwnerRole)
	}
	if err != nil {
		return PostgresURLs{}, fmt.Errorf("store: schema privileges: %w", err)
	}
	return urls, nil
}

func completeSetup(s PostgresSetup) (PostgresSetup, error) {
	if s.OwnerRole == "" {
		s.OwnerRole = s.Database + "_owner"
	}
	if s.AppRole == "" {
		s.AppRole = s.Database + "_app"
	}
	for _, name := range []string{s.Database, s.OwnerRole, s.AppRole} {
		if !pgIdentifier.MatchString(name) {
			return s, fmt.Errorf("%w: names must match %s", ErrInvalidSetup, pgIdentifier)
		}
	}
	if s.OwnerRole == s.AppRole {
		return s, fmt.Errorf("%w: the app role must not be the owner", ErrInvalidSetup)
	}
	if s.OwnerPassword == "" {
		s.OwnerPassword = rand.Text()
	}
	if s.AppPassword == "" {
		s.AppPassword = rand.Text()
	}
	return s, nil
}

func roleURLs(superuserURL string, s PostgresSetup) (PostgresURLs, error) {
	owner, err := withDatabase(superuserURL, s.Database,
		url.UserPassword(s.OwnerRole, s.OwnerPassword))
	if err != nil {
		return PostgresURLs{}, err
	}
	app, _ := withDatabase(superuserURL, s.Database,
		url.UserPassword(s.AppRole, s.AppPassword))
	return PostgresURLs{OwnerURL: owner, AppURL: app, OwnerRole: s.OwnerRole,
		AppRole: s.AppRole}, nil
}

// withDatabase returns base pointing at database db, as user when non-nil.
func withDatabase(base, db string, user *url.Userinfo) (string, error) {
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return "", fmt.Errorf("%w: superuser url must be postgres://...", ErrInvalidSetup)
	}
	u.Path = "/" + db
	if user != nil {
		u.User = user
	}
	return u.String(), nil
}

// ensureRole creates the login role or, if it exists, resets its attributes
// and password, so that a role once granted SUPERUSER or BYPASSRLS by hand
// loses it again.
func ensureRole(ctx context.Context, conn *pgx.Conn, role, password string) error {
	var exists bool
	err := conn.QueryRow(ctx, pgRoleExists, role).Scan(&exists)
	if err != nil {
		return fmt.Errorf("store: look up role: %w", err)
	}
	verb := "CREATE"
	if exists {
		verb = "ALTER"
	}
	// format() quotes on the server: CREATE ROLE takes no bind parameters.
	err = execFormatted(ctx, conn, verb+` ROLE %I WITH LOGIN NOSUPERUSER NOBYPASSRLS `+
		`NOCREATEDB NOCREATEROLE PASSWORD %L`, role, password)
	if err != nil {
		return fmt.Errorf("store: %s role: %w", strings.ToLower(verb), err)
	}
	return nil
}

func ensureDatabase(ctx context.Context, conn *pgx.Conn, s PostgresSetup) error {
	var exists bool
	err := conn.QueryRow(ctx, pgDatabaseExists, s.Database).Scan(&exists)
	if err != nil {
		return fmt.Errorf("store: look up database: %w", err)
	}
	if !exists {
		err = execFormatted(ctx, conn, `CREATE DATABASE %I OWNER %I`, s.Database, s.OwnerRole)
		if err != nil {
			return fmt.Errorf("store: create database: %w", err)
		}
	}
	err = execFormatted(ctx, conn,
		`REVOKE ALL ON DATABASE %I FROM PUBLIC`, s.Database)
	if err == nil {
		err = execFormatted(ctx, conn, `GRANT CONNECT ON DATABASE %I TO %I`,
			s.Database, s.AppRole)
	}
	if err != nil {
		return fmt.Errorf("store: database privileges: %w", err)
	}
	return nil
}

// Statements for provisioning, all on catalogs and none on tenant data.
const (
	pgRoleExists     = `SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)`
	pgDatabaseExists = `SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`
	pgFormat         = `SELECT format($1::text, VARIADIC $2::text[])`
)

// execFormatted runs tmpl through the server's format(), which quotes %I
// as an identifier and %L as a literal, and executes the result: role and
// database statements take no bind parameters, and quoting them on the
// client would be a second, weaker implementation of the same rules.
func execFormatted(ctx context.Context, conn *pgx.Conn, tmpl string, args ...string) error {
	if args == nil {
		args = []string{}
	}
	var stmt string
	if err := conn.QueryRow(ctx, pgFormat, tmpl, args).Scan(&stmt); err != nil {
		return err
	}
	_, err := conn.Exec(ctx, stmt)
	return err
}
