package store

import (
	"context"
	"errors"
)

// openPostgres is not wired yet.
//
// TODO(store): the PostgreSQL back end lands next; until then Open refuses
// postgres:// URLs instead of half-serving them.
func openPostgres(ctx context.Context, url string, o options) (Store, error) {
	return nil, errors.New("store: postgres back end not available yet")
}
