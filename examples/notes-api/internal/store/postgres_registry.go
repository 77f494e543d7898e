package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
)

// TagNote implements Store. As on SQLite, the composite foreign key decides
// whether the note is the tenant's.
func (s *pgStore) TagNote(ctx context.Context, t TenantID, id, tag string) error {
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
	err := s.inTenant(ctx, t, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, s.q(pgInsertTag), t.String(), id, tag)
		return err
	})
	if pgCode(err) == pgForeignKeyViolation {
		return ErrNotFound
	}
	return wrapUnlessSentinel("tag note", err)
}

// NoteTags implements Store.
func (s *pgStore) NoteTags(ctx context.Context, t TenantID, id string) ([]string, error) {
	if err := t.check(); err != nil {
		return nil, err
	}
	id, ok := noteID(id)
	if !ok {
		return nil, ErrNotFound
	}
	var tags []string
	err := s.inTenant(ctx, t, func(tx pgx.Tx) error {
		var one int
		err := tx.QueryRow(ctx, s.q(pgNoteExists), t.String(), id).Scan(&one)
		if errors.Is(err, pgx.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		rows, err := tx.Query(ctx, s.q(pgNoteTags), t.String(), id)
		if err != nil {
			return err
		}
		tags, err = pgx.CollectRows(rows, pgx.RowTo[string])
		return err
	})
	if err != nil {
		return nil, wrapUnlessSentinel("note tags", err)
	}
	if tags == nil {
		tags = []string{}
	}
	return tags, nil
}

// EnsureTenant implements Store through register_tenant, the one write the
// app role may make to the registry.
func (s *pgStore) EnsureTenant(ctx context.Context, t TenantID, name string) error {
	if err := t.check(); err != nil {
		return err
	}
	if name == "" || len(name) > maxFieldBytes {
		return fmt.Errorf("%w: tenant name must be 1-%d bytes", ErrInvalidInput,
			maxFieldBytes)
	}
	if _, err := s.pool.Exec(ctx, s.q(pgRegisterTenant), t.String(), name); err != nil {
		return fmt.Errorf("store: ensure tenant: %w", err)
	}
	return nil
}

// Tenant implements Store. The registry has no row-level security, so this
// read needs no tenant transaction.
func (s *pgStore) Tenant(ctx context.Context, t TenantID) (Tenant, error) {
	if err := t.check(); err != nil {
		return Tenant{}, err
	}
	ten := Tenant{ID: t}
	err := s.pool.QueryRow(ctx, s.q(pgGetTenant), t.String()).
		Scan(&ten.Name, &ten.Status, &ten.CreatedAt)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return Tenant{}, ErrNotFound
	case err != nil:
		return Tenant{}, fmt.Errorf("store: tenant: %w", err)
	}
	ten.CreatedAt = ten.CreatedAt.UTC()
	return ten, nil
}

// RecordAudit implements Store.
func (s *pgStore) RecordAudit(ctx context.Context, t TenantID, e AuditEntry) error {
	if err := t.check(); err != nil {
		return err
	}
	if err := checkAudit(e); err != nil {
		return err
	}
	err := s.inTenant(ctx, t, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, s.q(pgInsertAudit), t.String(), uuid.NewString(),
			e.ActorSub, string(e.ActorKind), e.Action, e.ObjectID, e.Reason, now())
		return err
	})
	if pgCode(err) == pgForeignKeyViolation {
		return ErrUnknownTenant
	}
	return wrapUnlessSentinel("record audit", err)
}

// ListAudit implements Store.
func (s *pgStore) ListAudit(ctx context.Context, t TenantID, limit int) ([]AuditEntry, error) {
	if err := t.check(); err != nil {
		return nil, err
	}
	limit, err := pageLimit(limit)
	if err != nil {
		return nil, err
	}
	out := []AuditEntry{}
	err = s.inTenant(ctx, t, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, s.q(pgListAudit), t.String(), limit)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var e AuditEntry
			if err := rows.Scan(&e.ActorSub, &e.ActorKind, &e.Action, &e.ObjectID,
				&e.Reason, &e.At); err != nil {
				return err
			}
			e.At = e.At.UTC()
			out = append(out, e)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, wrapUnlessSentinel("list audit", err)
	}
	return out, nil
}
