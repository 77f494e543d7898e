package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/uuid"
)

// The store contract, shared by the SQLite and PostgreSQL suites. Each case
// returns an error instead of failing a *testing.T, so the mutation tests
// can run the same cases against a broken store and count what they catch.

// fixture holds two tenants with identical data, so that any query matching
// on content rather than tenant shows up as a stray row.
type fixture struct {
	s            Store
	a, b         TenantID
	noteA, noteB Note
}

type contractCase struct {
	name string
	// crossTenant marks cases that watch the boundary between tenants; each
	// must fail once the store's tenant predicate is removed.
	crossTenant bool
	run         func(ctx context.Context, f *fixture) error
}

// sharedContent is what both tenants write, on purpose.
const sharedContent = "quarterly plan"

func newTenant(prefix string) TenantID {
	t, err := ParseTenantID(prefix + "-" + uuid.NewString()[:8])
	if err != nil {
		panic(err)
	}
	return t
}

// newFixture registers two fresh tenants on s, each holding one note with
// the same author and content.
func newFixture(ctx context.Context, s Store) (*fixture, error) {
	f := &fixture{s: s, a: newTenant("a"), b: newTenant("b")}
	for _, t := range []TenantID{f.a, f.b} {
		if err := s.EnsureTenant(ctx, t, "Same Name Inc"); err != nil {
			return nil, fmt.Errorf("ensure tenant: %w", err)
		}
	}
	var err error
	if f.noteA, err = s.CreateNote(ctx, f.a, "sub-1", sharedContent); err != nil {
		return nil, fmt.Errorf("create note a: %w", err)
	}
	if f.noteB, err = s.CreateNote(ctx, f.b, "sub-1", sharedContent); err != nil {
		return nil, fmt.Errorf("create note b: %w", err)
	}
	return f, nil
}

// wantErr checks that err is target, with target's exact message, so that a
// foreign id and a missing id cannot be told apart by the error text.
func wantErr(what string, err, target error) error {
	if !errors.Is(err, target) {
		return fmt.Errorf("%s: got error %v, want %v", what, err, target)
	}
	if err.Error() != target.Error() {
		return fmt.Errorf("%s: error text %q differs from %q", what, err, target)
	}
	return nil
}

// unchanged checks that t's note still equals want, version included.
func (f *fixture) unchanged(ctx context.Context, t TenantID, want Note) error {
	got, err := f.s.GetNote(ctx, t, want.ID)
	if err != nil {
		return fmt.Errorf("re-read note: %w", err)
	}
	if d := cmp.Diff(want, got); d != "" {
		return fmt.Errorf("note changed by another tenant (-want +got):\n%s", d)
	}
	return nil
}

func noteIDs(ns []Note) []string {
	ids := make([]string, 0, len(ns))
	for _, n := range ns {
		ids = append(ids, n.ID)
	}
	slices.Sort(ids)
	return ids
}

func contractCases() []contractCase {
	cases := []contractCase{
		{"list_returns_only_own_notes", true, caseListOwnOnly},
		{"get_of_foreign_note_is_not_found_like_a_missing_one", true, caseGetForeign},
		{"update_of_foreign_note_is_not_found_and_leaves_it_unchanged", true,
			caseUpdateForeign},
		{"delete_of_foreign_note_is_not_found_and_keeps_it", true, caseDeleteForeign},
		{"tags_of_foreign_note_are_not_found", true, caseTagsForeign},
		{"audit_log_is_per_tenant", true, caseAuditPerTenant},
		{"concurrent_calls_alternating_tenants_never_cross", true, caseConcurrent},
		{"zero_tenant_is_refused_by_every_method", false, caseZeroTenant},
		{"unregistered_tenant_cannot_write", false, caseUnregistered},
		{"stale_version_conflicts_and_zero_version_forces", false, caseVersions},
		{"pages_walk_every_note_once_newest_first", true, casePagination},
		{"malformed_ids_and_cursors_are_refused", false, caseMalformed},
	}
	return cases
}

// runContract runs every case as a subtest against the store newStore
// returns; stores may be shared between cases, since each case makes its own
// tenants.
func runContract(t *testing.T, newStore func(t *testing.T) Store) {
	for _, c := range contractCases() {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			ctx := t.Context()
			f, err := newFixture(ctx, newStore(t))
			if err != nil {
				t.Fatalf("fixture: %v", err)
			}
			if err := c.run(ctx, f); err != nil {
				t.Error(err)
			}
		})
	}
}

func caseListOwnOnly(ctx context.Context, f *fixture) error {
	for _, tc := range []struct {
		t    TenantID
		want Note
	}{{f.a, f.noteA}, {f.b, f.noteB}} {
		p, err := f.s.ListNotes(ctx, tc.t, ListOptions{})
		if err != nil {
			return fmt.Errorf("list: %w", err)
		}
		if d := cmp.Diff([]Note{tc.want}, p.Notes); d != "" {
			return fmt.Errorf("list shows other rows (-want +got):\n%s", d)
		}
	}
	return nil
}

func caseGetForeign(ctx context.Context, f *fixture) error {
	_, err := f.s.GetNote(ctx, f.a, f.noteB.ID)
	if err := wantErr("get foreign note", err, ErrNotFound); err != nil {
		return err
	}
	_, err = f.s.GetNote(ctx, f.a, uuid.NewString())
	if err := wantErr("get missing note", err, ErrNotFound); err != nil {
		return err
	}
	if err := f.unchanged(ctx, f.b, f.noteB); err != nil {
		return fmt.Errorf("owner's get: %w", err)
	}
	return f.unchanged(ctx, f.a, f.noteA)
}

func caseUpdateForeign(ctx context.Context, f *fixture) error {
	// The right version must not turn the answer into a conflict: that
	// would confirm the note exists.
	for _, v := range []int64{0, f.noteB.Version, f.noteB.Version + 7} {
		_, err := f.s.UpdateNote(ctx, f.a, f.noteB.ID, "taken over", v)
		if err := wantErr(fmt.Sprintf("update foreign v%d", v), err, ErrNotFound); err != nil {
			return err
		}
	}
	if err := f.unchanged(ctx, f.b, f.noteB); err != nil {
		return err
	}
	got, err := f.s.UpdateNote(ctx, f.b, f.noteB.ID, "edited", f.noteB.Version)
	if err != nil {
		return fmt.Errorf("owner's update: %w", err)
	}
	if got.Content != "edited" || got.Version != f.noteB.Version+1 {
		return fmt.Errorf("owner's update gave %+v", got)
	}
	return f.unchanged(ctx, f.a, f.noteA)
}

func caseDeleteForeign(ctx context.Context, f *fixture) error {
	err := f.s.DeleteNote(ctx, f.a, f.noteB.ID)
	if err := wantErr("delete foreign", err, ErrNotFound); err != nil {
		return err
	}
	if err := f.unchanged(ctx, f.b, f.noteB); err != nil {
		return err
	}
	if err := f.s.DeleteNote(ctx, f.b, f.noteB.ID); err != nil {
		return fmt.Errorf("owner's delete: %w", err)
	}
	_, err = f.s.GetNote(ctx, f.b, f.noteB.ID)
	if err := wantErr("get deleted", err, ErrNotFound); err != nil {
		return err
	}
	err = f.s.DeleteNote(ctx, f.b, f.noteB.ID)
	if err := wantErr("delete twice", err, ErrNotFound); err != nil {
		return err
	}
	return f.unchanged(ctx, f.a, f.noteA)
}

func caseTagsForeign(ctx context.Context, f *fixture) error {
	if err := f.s.TagNote(ctx, f.b, f.noteB.ID, "secret"); err != nil {
		return fmt.Errorf("owner's tag: %w", err)
	}
	err := f.s.TagNote(ctx, f.a, f.noteB.ID, "mine")
	if err := wantErr("tag foreign", err, ErrNotFound); err != nil {
		return err
	}
	_, err = f.s.NoteTags(ctx, f.a, f.noteB.ID)
	if err := wantErr("tags of foreign", err, ErrNotFound); err != nil {
		return err
	}
	tags, err := f.s.NoteTags(ctx, f.b, f.noteB.ID)
	if err != nil {
		return fmt.Errorf("owner's tags: %w", err)
	}
	if d := cmp.Diff([]string{"secret"}, tags); d != "" {
		return fmt.Errorf("owner's tags (-want +got):\n%s", d)
	}
	return nil
}

func caseAuditPerTenant(ctx context.Context, f *fixture) error {
	for _, t := range []TenantID{f.a, f.b} {
		e := AuditEntry{ActorSub: "sub-1", ActorKind: ActorTenant,
			Action: "note.create", ObjectID: t.String()}
		if err := f.s.RecordAudit(ctx, t, e); err != nil {
			return fmt.Errorf("record: %w", err)
		}
	}
	for _, t := range []TenantID{f.a, f.b} {
		got, err := f.s.ListAudit(ctx, t, 0)
		if err != nil {
			return fmt.Errorf("list audit: %w", err)
		}
		if len(got) != 1 || got[0].ObjectID != t.String() || got[0].At.IsZero() {
			return fmt.Errorf("audit of one tenant shows %+v", got)
		}
	}
	return nil
}

// caseConcurrent hammers the store from goroutines alternating tenants; on
// a small pool the same connections serve both tenants in turn.
func caseConcurrent(ctx context.Context, f *fixture) error {
	const workers, rounds = 8, 15
	errs := make(chan error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := range rounds {
				t, own, other := f.a, f.noteA, f.noteB
				if (w+i)%2 == 1 {
					t, own, other = f.b, f.noteB, f.noteA
				}
				if err := concurrentStep(ctx, f.s, t, own, other); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	var all []error
	for err := range errs {
		all = append(all, err)
	}
	return errors.Join(all...)
}

// concurrentStep is one round for tenant t: the notes it creates carry the
// tenant's id as content, so a stray note from the other tenant stands out.
func concurrentStep(ctx context.Context, s Store, t TenantID, own, other Note) error {
	p, err := s.ListNotes(ctx, t, ListOptions{Limit: MaxListLimit})
	if err != nil {
		return err
	}
	for _, n := range p.Notes {
		if n.ID == other.ID || (n.ID != own.ID && n.Content != t.String()) {
			return errors.New("list shows the other tenant's note")
		}
	}
	if _, err := s.GetNote(ctx, t, own.ID); err != nil {
		return fmt.Errorf("get of own note: %w", err)
	}
	if _, err := s.GetNote(ctx, t, other.ID); !errors.Is(err, ErrNotFound) {
		return fmt.Errorf("get of other tenant's note: %v", err)
	}
	if _, err := s.UpdateNote(ctx, t, own.ID, sharedContent, 0); err != nil {
		return fmt.Errorf("own update: %w", err)
	}
	_, err = s.CreateNote(ctx, t, "sub-1", t.String())
	return err
}
