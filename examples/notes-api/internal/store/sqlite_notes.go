package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"
)

// rowScanner is what *sql.Row and *sql.Rows share.
type rowScanner interface{ Scan(dest ...any) error }

func scanSQLiteNote(r rowScanner) (Note, error) {
	var n Note
	var created, updated int64
	if err := r.Scan(&n.ID, &n.Content, &n.CreatedBy, &created, &updated,
		&n.Version); err != nil {
		return Note{}, err
	}
	n.CreatedAt = time.UnixMicro(created).UTC()
	n.UpdatedAt = time.UnixMicro(updated).UTC()
	return n, nil
}

// CreateNote implements Store.
func (s *sqliteStore) CreateNote(ctx context.Context, t TenantID, createdBy,
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
	_, err := s.db.ExecContext(ctx, s.q(sqliteInsertNote), t.String(), n.ID,
		n.Content, n.CreatedBy, ts.UnixMicro(), ts.UnixMicro())
	switch {
	case isForeignKeyViolation(err):
		return Note{}, ErrUnknownTenant
	case err != nil:
		return Note{}, fmt.Errorf("store: create note: %w", err)
	}
	return n, nil
}

// GetNote implements Store.
func (s *sqliteStore) GetNote(ctx context.Context, t TenantID, id string) (Note, error) {
	if err := t.check(); err != nil {
		return Note{}, err
	}
	id, ok := noteID(id)
	if !ok {
		return Note{}, ErrNotFound
	}
	row := s.db.QueryRowContext(ctx, s.q(sqliteGetNote), t.String(), id)
	n, err := scanSQLiteNote(row)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return Note{}, ErrNotFound
	case err != nil:
		return Note{}, fmt.Errorf("store: get note: %w", err)
	}
	return n, nil
}

// ListNotes implements Store.
func (s *sqliteStore) ListNotes(ctx context.Context, t TenantID,
	opt ListOptions) (Page, error) {
	if err := t.check(); err != nil {
		return Page{}, err
	}
	limit, err := pageLimit(opt.Limit)
	if err != nil {
		return Page{}, err
	}
	// One row more than the page tells whether another page follows.
	var rows *sql.Rows
	if opt.After == "" {
		rows, err = s.db.QueryContext(ctx, s.q(sqliteListNotes), t.String(), limit+1)
	} else {
		c, cerr := decodeCursor(opt.After)
		if cerr != nil {
			return Page{}, cerr
		}
		at := c.createdAt.UnixMicro()
		rows, err = s.db.QueryContext(ctx, s.q(sqliteListNotesAfter), t.String(),
			at, at, c.id, limit+1)
	}
	if err != nil {
		return Page{}, fmt.Errorf("store: list notes: %w", err)
	}
	defer rows.Close()

	var p Page
	for rows.Next() {
		n, err := scanSQLiteNote(rows)
		if err != nil {
			return Page{}, fmt.Errorf("store: list notes: %w", err)
		}
		p.Notes = append(p.Notes, n)
	}
	if err := rows.Err(); err != nil {
		return Page{}, fmt.Errorf("store: list notes: %w", err)
	}
	return trimPage(p, limit), nil
}

// trimPage cuts the extra row fetched beyond limit and turns it into the
// cursor of the next page.
func trimPage(p Page, limit int) Page {
	if len(p.Notes) <= limit {
		return p
	}
	p.Notes = p.Notes[:limit]
	last := p.Notes[limit-1]
	p.Next = cursor{createdAt: last.CreatedAt, id: last.ID}.encode()
	return p
}

// UpdateNote implements Store.
func (s *sqliteStore) UpdateNote(ctx context.Context, t TenantID, id, content string,
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
	err := s.inTx(ctx, t, func(tx *sql.Tx) error {
		row := tx.QueryRowContext(ctx, s.q(sqliteUpdateNote), content,
			now().UnixMicro(), t.String(), id, version, version)
		var err error
		n, err = scanSQLiteNote(row)
		if errors.Is(err, sql.ErrNoRows) {
			return s.missOrConflict(ctx, tx, t, id, version)
		}
		return err
	})
	if err != nil {
		return Note{}, wrapUnlessSentinel("update note", err)
	}
	return n, nil
}

// missOrConflict explains an update that matched no row: the note is not
// the tenant's (ErrNotFound) or its version moved on (ErrConflict). It runs
// in the update's transaction, so nothing changes between the two reads.
func (s *sqliteStore) missOrConflict(ctx context.Context, tx *sql.Tx, t TenantID,
	id string, version int64) error {
	if version == 0 {
		return ErrNotFound
	}
	var one int
	err := tx.QueryRowContext(ctx, s.q(sqliteNoteExists), t.String(), id).Scan(&one)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return ErrNotFound
	case err != nil:
		return err
	}
	return ErrConflict
}

// DeleteNote implements Store.
func (s *sqliteStore) DeleteNote(ctx context.Context, t TenantID, id string) error {
	if err := t.check(); err != nil {
		return err
	}
	id, ok := noteID(id)
	if !ok {
		return ErrNotFound
	}
	res, err := s.db.ExecContext(ctx, s.q(sqliteDeleteNote), t.String(), id)
	if err != nil {
		return fmt.Errorf("store: delete note: %w", err)
	}
	return requireOneRow(res)
}

// requireOneRow turns "no row affected" into ErrNotFound.
func requireOneRow(res sql.Result) error {
	n, err := res.RowsAffected()
	switch {
	case err != nil:
		return fmt.Errorf("store: rows affected: %w", err)
	case n == 0:
		return ErrNotFound
	}
	return nil
}

// wrapUnlessSentinel adds context to driver errors but leaves the package's
// sentinels bare, so callers see exactly ErrNotFound or ErrConflict.
func wrapUnlessSentinel(op string, err error) error {
	if err == nil {
		return nil
	}
	for _, s := range []error{ErrNotFound, ErrConflict, ErrUnknownTenant,
		ErrInvalidInput, ErrInvalidTenant} {
		if errors.Is(err, s) {
			return err
		}
	}
	return fmt.Errorf("store: %s: %w", op, err)
}
