package server

import (
	"context"
	"sync"

	"github.com/cognitotenant/cognitotenant-go/examples/notes-api/internal/store"
)

// spyStore counts the calls that reach the store, per method, so a test
// can show a refused request touched nothing; it can also report a tenant
// as suspended, which the store has no call for.
type spyStore struct {
	store.Store
	mu        sync.Mutex
	calls     map[string]int
	suspended map[string]bool
}

func newSpyStore(s store.Store) *spyStore {
	return &spyStore{Store: s, calls: map[string]int{}, suspended: map[string]bool{}}
}

func (s *spyStore) count(name string) {
	s.mu.Lock()
	s.calls[name]++
	s.mu.Unlock()
}

// total returns how many calls reached the store.
func (s *spyStore) total() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, c := range s.calls {
		n += c
	}
	return n
}

func (s *spyStore) suspend(tenant string) {
	s.mu.Lock()
	s.suspended[tenant] = true
	s.mu.Unlock()
}

func (s *spyStore) CreateNote(ctx context.Context, t store.TenantID, by,
	content string) (store.Note, error) {
	s.count("CreateNote")
	return s.Store.CreateNote(ctx, t, by, content)
}

func (s *spyStore) GetNote(ctx context.Context, t store.TenantID, id string) (store.Note,
	error) {
	s.count("GetNote")
	return s.Store.GetNote(ctx, t, id)
}

func (s *spyStore) ListNotes(ctx context.Context, t store.TenantID,
	o store.ListOptions) (store.Page, error) {
	s.count("ListNotes")
	return s.Store.ListNotes(ctx, t, o)
}

func (s *spyStore) UpdateNote(ctx context.Context, t store.TenantID, id, content string,
	version int64) (store.Note, error) {
	s.count("UpdateNote")
	return s.Store.UpdateNote(ctx, t, id, content, version)
}

func (s *spyStore) DeleteNote(ctx context.Context, t store.TenantID, id string) error {
	s.count("DeleteNote")
	return s.Store.DeleteNote(ctx, t, id)
}

func (s *spyStore) EnsureTenant(ctx context.Context, t store.TenantID, name string) error {
	s.count("EnsureTenant")
	return s.Store.EnsureTenant(ctx, t, name)
}

func (s *spyStore) Tenant(ctx context.Context, t store.TenantID) (store.Tenant, error) {
	s.count("Tenant")
	reg, err := s.Store.Tenant(ctx, t)
	s.mu.Lock()
	if err == nil && s.suspended[t.String()] {
		reg.Status = store.TenantSuspended
	}
	s.mu.Unlock()
	return reg, err
}

func (s *spyStore) RecordAudit(ctx context.Context, t store.TenantID,
	e store.AuditEntry) error {
	s.count("RecordAudit")
	return s.Store.RecordAudit(ctx, t, e)
}
