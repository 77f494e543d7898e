package store_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/cognitotenant/cognitotenant-go/examples/notes-api/internal/store"
)

// The main flow: a tenant from a verified token, its notes, and another
// tenant's view of the same id.
func Example() {
	ctx := context.Background()
	s, err := store.Open(ctx, "sqlite::memory:")
	if err != nil {
		panic(err)
	}
	defer s.Close()

	acme, _ := store.ParseTenantID("tenant-123")
	other, _ := store.ParseTenantID("tenant-456")
	for _, t := range []store.TenantID{acme, other} {
		if err := s.EnsureTenant(ctx, t, "Example Co"); err != nil {
			panic(err)
		}
	}

	n, err := s.CreateNote(ctx, acme, "sub-of-the-author", "hello")
	if err != nil {
		panic(err)
	}
	p, _ := s.ListNotes(ctx, acme, store.ListOptions{})
	fmt.Println("acme sees", len(p.Notes), "note, version", p.Notes[0].Version)

	_, err = s.GetNote(ctx, other, n.ID)
	fmt.Println("other tenant:", errors.Is(err, store.ErrNotFound))

	_, err = s.UpdateNote(ctx, acme, n.ID, "hello again", 7)
	fmt.Println("stale version:", errors.Is(err, store.ErrConflict))

	_, err = s.ListNotes(ctx, store.TenantID{}, store.ListOptions{})
	fmt.Println("no tenant:", errors.Is(err, store.ErrInvalidTenant))
	// Output:
	// acme sees 1 note, version 1
	// other tenant: true
	// stale version: true
	// no tenant: true
}

// ParseTenantID accepts the strict pattern only; anything else, including
// "", is an error and never a usable TenantID.
func ExampleParseTenantID() {
	for _, s := range []string{"tenant-123", "", "../other"} {
		t, err := store.ParseTenantID(s)
		fmt.Printf("%q valid=%v zero=%v\n", s, err == nil, t.IsZero())
	}
	// Output:
	// "tenant-123" valid=true zero=false
	// "" valid=false zero=true
	// "../other" valid=false zero=true
}

// Bringing a PostgreSQL database into service: the superuser creates the
// roles and database, the owner migrates, the app role serves. The URLs hold
// generated passwords; a setup command writes AppURL out as DATABASE_URL.
func ExampleProvisionPostgres() {
	ctx := context.Background()
	superuser := "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"

	urls, err := store.ProvisionPostgres(ctx, superuser,
		store.PostgresSetup{Database: "notes"})
	if err != nil {
		panic(err)
	}
	if err := store.MigratePostgres(ctx, urls.OwnerURL, urls.AppRole); err != nil {
		panic(err)
	}
	s, err := store.Open(ctx, urls.AppURL) // refuses unless RLS binds the app role
	if err != nil {
		panic(err)
	}
	defer s.Close()
}
