package store

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/google/go-cmp/cmp"
	"github.com/google/uuid"
)

// Contract cases about rules within one tenant: input checks, versions,
// pagination, the registry.

// tenantCalls calls every tenant-taking method once for t.
func tenantCalls(s Store, id string) map[string]func(context.Context, TenantID) error {
	e := AuditEntry{ActorSub: "sub-1", ActorKind: ActorTenant, Action: "probe"}
	return map[string]func(context.Context, TenantID) error{
		"CreateNote": func(ctx context.Context, t TenantID) error {
			_, err := s.CreateNote(ctx, t, "sub-1", "x")
			return err
		},
		"GetNote": func(ctx context.Context, t TenantID) error {
			_, err := s.GetNote(ctx, t, id)
			return err
		},
		"ListNotes": func(ctx context.Context, t TenantID) error {
			_, err := s.ListNotes(ctx, t, ListOptions{})
			return err
		},
		"UpdateNote": func(ctx context.Context, t TenantID) error {
			_, err := s.UpdateNote(ctx, t, id, "y", 0)
			return err
		},
		"TagNote": func(ctx context.Context, t TenantID) error {
			return s.TagNote(ctx, t, id, "tag")
		},
		"NoteTags": func(ctx context.Context, t TenantID) error {
			_, err := s.NoteTags(ctx, t, id)
			return err
		},
		"DeleteNote": func(ctx context.Context, t TenantID) error {
			return s.DeleteNote(ctx, t, id)
		},
		"EnsureTenant": func(ctx context.Context, t TenantID) error {
			return s.EnsureTenant(ctx, t, "Same Name Inc")
		},
		"Tenant": func(ctx context.Context, t TenantID) error {
			_, err := s.Tenant(ctx, t)
			return err
		},
		"RecordAudit": func(ctx context.Context, t TenantID) error {
			return s.RecordAudit(ctx, t, e)
		},
		"ListAudit": func(ctx context.Context, t TenantID) error {
			_, err := s.ListAudit(ctx, t, 0)
			return err
		},
	}
}

func caseZeroTenant(ctx context.Context, f *fixture) error {
	// The positive twin runs the same call for a real tenant; DeleteNote
	// comes last there because it removes the note the others use.
	calls := tenantCalls(f.s, f.noteA.ID)
	names := slices.Sorted(func(yield func(string) bool) {
		for n := range calls {
			if !yield(n) {
				return
			}
		}
	})
	for _, name := range names {
		if err := calls[name](ctx, TenantID{}); !errors.Is(err, ErrInvalidTenant) {
			return fmt.Errorf("%s with zero tenant: got %v, want ErrInvalidTenant",
				name, err)
		}
	}
	for _, name := range names {
		if name == "DeleteNote" {
			continue
		}
		if err := calls[name](ctx, f.a); err != nil {
			return fmt.Errorf("%s with a tenant: %w", name, err)
		}
	}
	return calls["DeleteNote"](ctx, f.a)
}

func caseUnregistered(ctx context.Context, f *fixture) error {
	t := newTenant("new")
	if _, err := f.s.Tenant(ctx, t); !errors.Is(err, ErrNotFound) {
		return fmt.Errorf("tenant before registration: %v", err)
	}
	_, err := f.s.CreateNote(ctx, t, "sub-1", sharedContent)
	if err := wantErr("create for unregistered", err, ErrUnknownTenant); err != nil {
		return err
	}
	e := AuditEntry{ActorSub: "ops", ActorKind: ActorPlatform, Action: "x"}
	if err := wantErr("audit for unregistered", f.s.RecordAudit(ctx, t, e),
		ErrUnknownTenant); err != nil {
		return err
	}

	if err := f.s.EnsureTenant(ctx, t, "First"); err != nil {
		return fmt.Errorf("register: %w", err)
	}
	// A second registration neither fails nor renames.
	if err := f.s.EnsureTenant(ctx, t, "Second"); err != nil {
		return fmt.Errorf("register again: %w", err)
	}
	got, err := f.s.Tenant(ctx, t)
	if err != nil {
		return fmt.Errorf("tenant: %w", err)
	}
	if got.ID != t || got.Name != "First" || got.Status != TenantActive ||
		got.CreatedAt.IsZero() {
		return fmt.Errorf("registration reads %+v", got)
	}
	if _, err := f.s.CreateNote(ctx, t, "sub-1", sharedContent); err != nil {
		return fmt.Errorf("create after registration: %w", err)
	}
	return f.s.RecordAudit(ctx, t, e)
}

func caseVersions(ctx context.Context, f *fixture) error {
	v2, err := f.s.UpdateNote(ctx, f.a, f.noteA.ID, "second", f.noteA.Version)
	if err != nil {
		return fmt.Errorf("update at current version: %w", err)
	}
	if v2.Version != 2 || !v2.CreatedAt.Equal(f.noteA.CreatedAt) ||
		v2.UpdatedAt.Before(f.noteA.UpdatedAt) || v2.CreatedBy != f.noteA.CreatedBy {
		return fmt.Errorf("update gave %+v", v2)
	}
	_, err = f.s.UpdateNote(ctx, f.a, f.noteA.ID, "stale", f.noteA.Version)
	if err := wantErr("stale update", err, ErrConflict); err != nil {
		return err
	}
	if err := f.unchanged(ctx, f.a, v2); err != nil {
		return err
	}
	v3, err := f.s.UpdateNote(ctx, f.a, f.noteA.ID, "forced", 0)
	if err != nil || v3.Version != 3 || v3.Content != "forced" {
		return fmt.Errorf("unconditional update: %+v, %v", v3, err)
	}
	_, err = f.s.UpdateNote(ctx, f.a, uuid.NewString(), "x", 3)
	return wantErr("versioned update of missing", err, ErrNotFound)
}

func casePagination(ctx context.Context, f *fixture) error {
	want := []string{f.noteA.ID}
	for i := range 6 {
		n, err := f.s.CreateNote(ctx, f.a, "sub-1", fmt.Sprint("note ", i))
		if err != nil {
			return err
		}
		want = append(want, n.ID)
	}
	var got []Note
	opt := ListOptions{Limit: 3}
	for pages := 0; ; pages++ {
		if pages > 3 {
			return errors.New("pagination does not end")
		}
		p, err := f.s.ListNotes(ctx, f.a, opt)
		if err != nil {
			return fmt.Errorf("page %d: %w", pages, err)
		}
		if len(p.Notes) > 3 {
			return fmt.Errorf("page %d has %d notes", pages, len(p.Notes))
		}
		got = append(got, p.Notes...)
		if p.Next == "" {
			break
		}
		opt.After = p.Next
	}
	for i := 1; i < len(got); i++ {
		prev, cur := got[i-1], got[i]
		if cur.CreatedAt.After(prev.CreatedAt) {
			return errors.New("pages are not newest first")
		}
	}
	slices.Sort(want)
	if d := cmp.Diff(want, noteIDs(got)); d != "" {
		return fmt.Errorf("pages (-want +got):\n%s", d)
	}
	return nil
}

func caseMalformed(ctx context.Context, f *fixture) error {
	for _, id := range []string{"", "not-a-uuid", "' OR 1=1 --"} {
		if _, err := f.s.GetNote(ctx, f.a, id); !errors.Is(err, ErrNotFound) {
			return fmt.Errorf("get %q: %v", id, err)
		}
	}
	for _, c := range []string{"%%%", "bm90LWEtY3Vyc29y"} {
		_, err := f.s.ListNotes(ctx, f.a, ListOptions{After: c})
		if !errors.Is(err, ErrInvalidInput) {
			return fmt.Errorf("cursor %q: %v", c, err)
		}
	}
	if _, err := f.s.ListNotes(ctx, f.a, ListOptions{Limit: -1}); !errors.Is(err,
		ErrInvalidInput) {
		return fmt.Errorf("negative limit: %v", err)
	}
	bad := AuditEntry{ActorSub: "sub-1", ActorKind: "root", Action: "x"}
	if err := f.s.RecordAudit(ctx, f.a, bad); !errors.Is(err, ErrInvalidInput) {
		return fmt.Errorf("audit with unknown actor kind: %v", err)
	}
	_, err := f.s.UpdateNote(ctx, f.a, f.noteA.ID, "x", -1)
	if !errors.Is(err, ErrInvalidInput) {
		return fmt.Errorf("negative version: %v", err)
	}
	if _, err := f.s.CreateNote(ctx, f.a, "", "x"); !errors.Is(err, ErrInvalidInput) {
		return fmt.Errorf("note without author: %v", err)
	}
	// The same calls, well formed, succeed.
	if _, err := f.s.GetNote(ctx, f.a, f.noteA.ID); err != nil {
		return err
	}
	p, err := f.s.ListNotes(ctx, f.a, ListOptions{Limit: 1})
	if err != nil || len(p.Notes) != 1 {
		return fmt.Errorf("limit 1: %d notes, %v", len(p.Notes), err)
	}
	bad.ActorKind = ActorPlatform
	return f.s.RecordAudit(ctx, f.a, bad)
}
