// Package store keeps the notes service's data apart per tenant, on SQLite
// for development and on PostgreSQL with row-level security for production.
//
// Every method that reads or writes tenant data takes a [TenantID], which
// cannot be built empty, and binds it into each statement: on SQLite as a
// tenant_id predicate, on PostgreSQL both as that predicate and as the
// transaction-local setting the row-level security policies compare against.
// A note owned by another tenant is indistinguishable from a missing one:
// both answer [ErrNotFound].
//
// On PostgreSQL three steps, each with its own credentials, bring a database
// into service:
//
//	urls, err := store.ProvisionPostgres(ctx, superuserURL, store.PostgresSetup{...})
//	err = store.MigratePostgres(ctx, urls.OwnerURL, urls.AppRole)
//	s, err := store.Open(ctx, urls.AppURL)
//
// [ProvisionPostgres] creates the owner and app roles and the database,
// [MigratePostgres] applies the embedded migrations as the owner and grants the
// app role what it needs, and [Open] serves as the app role only after a
// self-check proves row-level security binds it.
package store
