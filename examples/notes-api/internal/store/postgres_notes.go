package store

import (
	"context"
	"errors"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
)

func scanPGNote(r pgx.Row) (Note, error) {
	var n Note
	var id uuid.UUID
	if err := r.Scan(&id, &n.Content, &n.CreatedBy, &n.CreatedAt, &n.UpdatedAt,
		&n.Version); err != nil {
		return Note{}, err
	}
	n.ID = id.String()
	n.CreatedAt = n.CreatedAt.UTC()
	n.UpdatedAt = n.UpdatedAt.UTC()
	return n, nil
}

// CreateNote implements Store.
func (s *pgStore) CreateNote(ctx context.Context, t TenantID, createdBy,
	content string) (Note, error) {
	if err := t.check(); err != nil {
		return Note{}, err
	}
	if err := checkNoteInput(createdBy, content); err != nil {
		return Note{}, err
	}
	ts := now()
	n := Note{ID: uuid.NewString(), Content: content, CreatedBy: createdBy,
		CreatedAt: ts, UpdatedAt: ts, Version: 1}
	err := s.inTenant(ctx, t, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, s.q(pgInsertNote), t.String(), n.ID, content,
			createdBy, ts)
		return err
	})
	switch {
	case pgCode(err) == pgForeignKeyViolation:
		return Note{}, ErrUnknownTenant
	case err != nil:
		return Note{}, wrapUnlessSentinel("create note", err)
	}
	return n, nil
}

// GetNote implements Store.
func (s *pgStore) GetNote(ctx context.Context, t TenantID, id string) (Note, error) {
	if err := t.check(); err != nil {
		return Note{}, err
	}
	id, ok := noteID(id)
	if !ok {
		return Note{}, ErrNotFound
	}
	var n Note
	err := s.inTenant(ctx, t, func(tx pgx.Tx) error {
		var err error
		n, err = scanPGNote(tx.QueryRow(ctx, s.q(pgGetNote), t.String(), id))
		if errors.Is(err, pgx.ErrNoRows) {
			return ErrNotFound
		}
		return err
	})
	if err != nil {
		return Note{}, wrapUnlessSentinel("get note", err)
	}
	return n, nil
}

// ListNotes implements Store.
func (s *pgStore) ListNotes(ctx context.Context, t TenantID, opt ListOptions) (Page, error) {
	if err := t.check(); err != nil {
		return Page{}, err
	}
	limit, err := pageLimit(opt.Limit)
	if err != nil {
		return Page{}, err
	}
	query, args := s.q(pgListNotes), []any{t.String(), limit + 1}
	if opt.After != "" {
		c, err := decodeCursor(opt.After)
		if err != nil {
			return Page{}, err
		}
		query = s.q(pgListNotesAfter)
		args = []any{t.String(), c.createdAt, c.id, limit + 1}
	}
	var p Page
	err = s.inTenant(ctx, t, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, query, args...)
		if err != nil {
			return err
		}
		p.Notes, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (Note, error) {
			return scanPGNote(r)
		})
		return err
	})
	if err != nil {
		return Page{}, wrapUnlessSentinel("list notes", err)
	}
	return trimPage(p, limit), nil
}

// UpdateNote implements Store.
func (s *pgStore) UpdateNote(ctx context.Context, t TenantID, id, content string,
	version int64) (Note, error) {
	if err := t.check(); err != nil {
		return Note{}, err
	}
	if err := checkUpdate(content, version); err != nil {
		return Note{}, err
	}
	id, ok := noteID(id)
	if !ok {
		return Note{}, ErrNotFound
	}
	var n Note
	err := s.inTenant(ctx, t, func(tx pgx.Tx) error {
		row := tx.QueryRow(ctx, s.q(pgUpdateNote), t.String(), id, content, now(), version)
		var err error
		n, err = scanPGNote(row)
		if errors.Is(err, pgx.ErrNoRows) {
			return s.missOrConflict(ctx, tx, t, id, version)
		}
		return err
	})
	if err != nil {
		return Note{}, wrapUnlessSentinel("update note", err)
	}
	return n, nil
}

// missOrConflict explains an update that matched no row, within the same
// transaction, as sqliteStore.missOrConflict does.
func (s *pgStore) missOrConflict(ctx context.Context, tx pgx.Tx, t TenantID, id string,
	version int64) error {
	if version == 0 {
		return ErrNotFound
	}
	var one int
	err := tx.QueryRow(ctx, s.q(pgNoteExists), t.String(), id).Scan(&one)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return ErrNotFound
	case err != nil:
		return err
	}
	return ErrConflict
}

// DeleteNote implements Store.
func (s *pgStore) DeleteNote(ctx context.Context, t TenantID, id string) error {
	if err := t.check(); err != nil {
		return err
	}
	id, ok := noteID(id)
	if !ok {
		return ErrNotFound
	}
	err := s.inTenant(ctx, t, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, s.q(pgDeleteNote), t.String(), id)
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			return ErrNotFound
		}
		return nil
	})
	return wrapUnlessSentinel("delete note", err)
}
