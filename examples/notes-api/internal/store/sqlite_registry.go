package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"
)

// TagNote implements Store. The composite foreign key to notes, not a prior
// read, decides whether the note is the tenant's.
func (s *sqliteStore) TagNote(ctx context.Context, t TenantID, id, tag string) error {
	if err := t.check(); err != nil {
		return err
	}
	if err := checkTag(tag); err != nil {
		return err
	}
	id, ok := noteID(id)
	if !ok {
		return ErrNotFound
	}
	_, err := s.db.ExecContext(ctx, s.q(sqliteInsertTag), t.String(), id, tag)
	switch {
	case isForeignKeyViolation(err):
		return ErrNotFound
	case err != nil:
		return fmt.Errorf("store: tag note: %w", err)
	}
	return nil
}

// NoteTags implements Store.
func (s *sqliteStore) NoteTags(ctx context.Context, t TenantID, id string) ([]string, error) {
	if err := t.check(); err != nil {
		return nil, err
	}
	id, ok := noteID(id)
	if !ok {
		return nil, ErrNotFound
	}
	tags := []string{}
	err := s.inTx(ctx, t, func(tx *sql.Tx) error {
		var one int
		err := tx.QueryRowContext(ctx, s.q(sqliteNoteExists), t.String(), id).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, s.q(sqliteNoteTags), t.String(), id)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var tag string
			if err := rows.Scan(&tag); err != nil {
				return err
			}
			tags = append(tags, tag)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, wrapUnlessSentinel("note tags", err)
	}
	return tags, nil
}

// EnsureTenant implements Store.
func (s *sqliteStore) EnsureTenant(ctx context.Context, t TenantID, name string) error {
	if err := t.check(); err != nil {
		return err
	}
	if name == "" || len(name) > maxFieldBytes {
		return fmt.Errorf("%w: tenant name must be 1-%d bytes", ErrInvalidInput,
			maxFieldBytes)
	}
	_, err := s.db.ExecContext(ctx, s.q(sqliteInsertTenant), t.String(), name,
		now().UnixMicro())
	if err != nil {
		return fmt.Errorf("store: ensure tenant: %w", err)
	}
	return nil
}

// Tenant implements Store.
func (s *sqliteStore) Tenant(ctx context.Context, t TenantID) (Tenant, error) {
	if err := t.check(); err != nil {
		return Tenant{}, err
	}
	ten := Tenant{ID: t}
	var created int64
	err := s.db.QueryRowContext(ctx, s.q(sqliteGetTenant), t.String()).
		Scan(&ten.Name, &ten.Status, &created)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return Tenant{}, ErrNotFound
	case err != nil:
		return Tenant{}, fmt.Errorf("store: tenant: %w", err)
	}
	ten.CreatedAt = time.UnixMicro(created).UTC()
	return ten, nil
}

// RecordAudit implements Store.
func (s *sqliteStore) RecordAudit(ctx context.Context, t TenantID, e AuditEntry) error {
	if err := t.check(); err != nil {
		return err
	}
	if err := checkAudit(e); err != nil {
		return err
	}
	_, err := s.db.ExecContext(ctx, s.q(sqliteInsertAudit), t.String(),
		uuid.NewString(), e.ActorSub, string(e.ActorKind), e.Action, e.ObjectID,
		e.Reason, now().UnixMicro())
	switch {
	case isForeignKeyViolation(err):
		return ErrUnknownTenant
	case err != nil:
		return fmt.Errorf("store: record audit: %w", err)
	}
	return nil
}

// ListAudit implements Store.
func (s *sqliteStore) ListAudit(ctx context.Context, t TenantID,
	limit int) ([]AuditEntry, error) {
	if err := t.check(); err != nil {
		return nil, err
	}
	limit, err := pageLimit(limit)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, s.q(sqliteListAudit), t.String(), limit)
	if err != nil {
		return nil, fmt.Errorf("store: list audit: %w", err)
	}
	defer rows.Close()
	out := []AuditEntry{}
	for rows.Next() {
		var e AuditEntry
		var at int64
		if err := rows.Scan(&e.ActorSub, &e.ActorKind, &e.Action, &e.ObjectID,
			&e.Reason, &at); err != nil {
			return nil, fmt.Errorf("store: list audit: %w", err)
		}
		e.At = time.UnixMicro(at).UTC()
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: list audit: %w", err)
	}
	return out, nil
}
