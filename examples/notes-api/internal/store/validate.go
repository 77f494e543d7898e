package store

import (
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/google/uuid"
)

// maxTagBytes and maxFieldBytes bound short text columns.
const (
	maxTagBytes   = 64
	maxFieldBytes = 256
)

// noteID returns id in canonical form, or false when it cannot be a note id.
// A malformed id is answered like a missing one, without a query.
func noteID(id string) (string, bool) {
	u, err := uuid.Parse(id)
	if err != nil {
		return "", false
	}
	return u.String(), true
}

// now returns the current time at the precision both back ends store, so a
// returned Note equals the one read back later.
func now() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }

func checkNoteInput(createdBy, content string) error {
	if createdBy == "" || len(createdBy) > maxFieldBytes {
		return fmt.Errorf("%w: author must be 1-%d bytes", ErrInvalidInput, maxFieldBytes)
	}
	return checkContent(content)
}

func checkContent(content string) error {
	if len(content) > MaxContentBytes {
		return fmt.Errorf("%w: content over %d bytes", ErrInvalidInput, MaxContentBytes)
	}
	return nil
}

func checkUpdate(content string, version int64) error {
	if version < 0 {
		return fmt.Errorf("%w: negative version", ErrInvalidInput)
	}
	return checkContent(content)
}

func checkTag(tag string) error {
	if tag == "" || len(tag) > maxTagBytes || strings.IndexFunc(tag, unicode.IsControl) >= 0 {
		return fmt.Errorf("%w: tag must be 1-%d printable bytes", ErrInvalidInput, maxTagBytes)
	}
	return nil
}

func checkAudit(e AuditEntry) error {
	switch {
	case e.ActorKind != ActorTenant && e.ActorKind != ActorPlatform:
		return fmt.Errorf("%w: actor kind must be tenant or platform", ErrInvalidInput)
	case e.ActorSub == "" || e.Action == "":
		return fmt.Errorf("%w: audit entry needs an actor and an action", ErrInvalidInput)
	case len(e.ActorSub) > maxFieldBytes || len(e.Action) > maxFieldBytes ||
		len(e.ObjectID) > maxFieldBytes || len(e.Reason) > 4*maxFieldBytes:
		return fmt.Errorf("%w: audit field too long", ErrInvalidInput)
	}
	return nil
}

// pageLimit applies ListOptions.Limit's rules.
func pageLimit(n int) (int, error) {
	switch {
	case n < 0:
		return 0, fmt.Errorf("%w: negative limit", ErrInvalidInput)
	case n == 0:
		return DefaultListLimit, nil
	case n > MaxListLimit:
		return MaxListLimit, nil
	}
	return n, nil
}

// cursor is the keyset position after which a page starts: lists run newest
// first on (created_at, id), which never changes for a note, so a walk over
// pages neither repeats nor skips a note that is edited meanwhile.
type cursor struct {
	createdAt time.Time
	id        string
}

func (c cursor) encode() string {
	raw := strconv.FormatInt(c.createdAt.UnixMicro(), 10) + "." + c.id
	return base64.RawURLEncoding.EncodeToString([]byte(raw))
}

func decodeCursor(s string) (cursor, error) {
	bad := fmt.Errorf("%w: malformed cursor", ErrInvalidInput)
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return cursor{}, bad
	}
	micros, id, ok := strings.Cut(string(raw), ".")
	if !ok {
		return cursor{}, bad
	}
	us, err := strconv.ParseInt(micros, 10, 64)
	if err != nil {
		return cursor{}, bad
	}
	id, ok = noteID(id)
	if !ok {
		return cursor{}, bad
	}
	return cursor{createdAt: time.UnixMicro(us).UTC(), id: id}, nil
}
