package store

import (
	"context"
	"errors"
	"time"
)

// Errors callers branch on with errors.Is. Messages never carry a tenant id,
// a note's content or a credential.
var (
	// ErrNotFound reports a note that does not exist for the given tenant:
	// missing and owned by another tenant are the same answer, so a caller
	// cannot learn that another tenant holds an id.
	ErrNotFound = errors.New("store: not found")

	// ErrConflict reports an update whose expected version is no longer the
	// note's current one.
	ErrConflict = errors.New("store: version conflict")

	// ErrUnknownTenant reports a write for a tenant that the tenant registry
	// does not hold; register it first with EnsureTenant.
	ErrUnknownTenant = errors.New("store: tenant not registered")

	// ErrInvalidInput reports an argument the store refuses before any
	// statement runs: an empty author, oversized content, a bad cursor or
	// limit, an incomplete audit entry.
	ErrInvalidInput = errors.New("store: invalid input")
)

// MaxContentBytes bounds a note's content, so one request cannot grow a row
// without limit.
const MaxContentBytes = 64 << 10

// List page sizes: DefaultListLimit applies when ListOptions.Limit is 0,
// and larger limits are lowered to MaxListLimit.
const (
	DefaultListLimit = 50
	MaxListLimit     = 200
)

// Note is one tenant's note. It has no tenant field: the tenant is always the
// TenantID argument of the call that read or wrote it.
type Note struct {
	ID        string    // random UUID, unique within the tenant
	Content   string    // the note text
	CreatedBy string    // Cognito sub of the author
	CreatedAt time.Time // UTC, microsecond precision
	UpdatedAt time.Time // UTC, microsecond precision
	Version   int64     // 1 on create, +1 on every update
}

// ListOptions selects one page of a tenant's notes, newest first.
type ListOptions struct {
	// Limit is the page size: 0 means DefaultListLimit, values above
	// MaxListLimit are lowered to it, negative ones are refused.
	Limit int
	// After is the opaque Page.Next of the previous page, or "" for the
	// first page.
	After string
}

// Page is one page of notes. Next is "" on the last page, otherwise the
// cursor to pass as ListOptions.After.
type Page struct {
	Notes []Note
	Next  string
}

// ActorKind says whether an audited action came from a tenant user or from
// the platform acting on a tenant.
type ActorKind string

// The two actor kinds an AuditEntry accepts.
const (
	ActorTenant   ActorKind = "tenant"
	ActorPlatform ActorKind = "platform"
)

// AuditEntry is one row of a tenant's audit log. ActorSub, ActorKind and
// Action are required; At is set by the store when the entry is recorded.
type AuditEntry struct {
	ActorSub  string    // Cognito sub, or the platform actor's name
	ActorKind ActorKind // ActorTenant or ActorPlatform
	Action    string    // e.g. "note.delete", "user.create"
	ObjectID  string    // the object acted on, may be empty
	Reason    string    // why a platform actor acted, may be empty
	At        time.Time // filled in by the store
}

// TenantStatus is a registered tenant's state.
type TenantStatus string

// Tenant states: a suspended tenant's requests should be refused by the
// caller; the store itself does not check the status.
//
// TODO(store): no method suspends a tenant; today that is an operator's
// UPDATE on the owner connection, because the app role may not write the
// registry. A platform role with its own audited function would close this.
const (
	TenantActive    TenantStatus = "active"
	TenantSuspended TenantStatus = "suspended"
)

// Tenant is a row of the platform-wide tenant registry.
type Tenant struct {
	ID        TenantID
	Name      string
	Status    TenantStatus
	CreatedAt time.Time
}

// Store is the notes service's storage. Implementations are safe for
// concurrent use. Every method taking a TenantID returns ErrInvalidTenant for
// its zero value before touching the database, and reads or writes only that
// tenant's rows.
type Store interface {
	// CreateNote stores a new note with a random id and version 1.
	// It returns ErrUnknownTenant when t is not registered.
	CreateNote(ctx context.Context, t TenantID, createdBy, content string) (Note, error)
	// GetNote returns the note, or ErrNotFound when t holds no note with id.
	GetNote(ctx context.Context, t TenantID, id string) (Note, error)
	// ListNotes returns a page of t's notes, newest first.
	ListNotes(ctx context.Context, t TenantID, opt ListOptions) (Page, error)
	// UpdateNote replaces the content and bumps the version. A version of 0
	// updates unconditionally; otherwise it must equal the current version or
	// ErrConflict is returned. ErrNotFound when t holds no note with id.
	UpdateNote(ctx context.Context, t TenantID, id, content string,
		version int64) (Note, error)
	// DeleteNote removes the note and its tags, or returns ErrNotFound.
	DeleteNote(ctx context.Context, t TenantID, id string) error
	// TagNote adds tag to the note (idempotent), or returns ErrNotFound.
	TagNote(ctx context.Context, t TenantID, id, tag string) error
	// NoteTags returns the note's tags in order, or ErrNotFound.
	NoteTags(ctx context.Context, t TenantID, id string) ([]string, error)

	// EnsureTenant registers t with a display name if it is not registered
	// yet; an existing registration is left as it is. It is for platform
	// code paths only (seeding, the internal API), never for tenant users.
	EnsureTenant(ctx context.Context, t TenantID, name string) error
	// Tenant returns t's registration, or ErrNotFound.
	Tenant(ctx context.Context, t TenantID) (Tenant, error)

	// RecordAudit appends e to t's audit log.
	RecordAudit(ctx context.Context, t TenantID, e AuditEntry) error
	// ListAudit returns t's most recent audit entries, newest first; limit
	// follows ListOptions.Limit's rules.
	ListAudit(ctx context.Context, t TenantID, limit int) ([]AuditEntry, error)

	// Ping reports whether the database answers.
	Ping(ctx context.Context) error
	// Close releases the connections; the store is unusable afterwards.
	Close() error
}
