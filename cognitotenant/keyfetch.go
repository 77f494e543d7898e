package cognitotenant

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/cognitotenant/cognitotenant-go/internal/jose"
)

// errKeySetTooLarge reports a key set response over MaxKeySetBytes.
var errKeySetTooLarge = errors.New("key set response exceeds 1 MiB")

// fetchKeySet GETs and parses the key set at url. The URL always comes
// from configuration, never from a token (no jku, x5u or iss-built URLs).
// forced adds Cache-Control: no-cache, so that a CDN or proxy in front of
// the key set cannot answer an unknown kid with the set that lacked it.
func fetchKeySet(ctx context.Context, client *http.Client, url string,
	forced bool) (*jose.Set, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, fmt.Errorf("key set request: %w", err)
	}
	req.Header.Set("Accept", "application/json")
	if forced {
		req.Header.Set("Cache-Control", "no-cache")
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("fetch key set: %w", err)
	}
	defer resp.Body.Close()

	if resp.StatusCode != http.StatusOK {
		// Drain a little so the connection can be reused.
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 4<<10))
		return nil, fmt.Errorf("fetch key set: status %d", resp.StatusCode)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, MaxKeySetBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read key set: %w", err)
	}
	if len(body) > MaxKeySetBytes {
		return nil, errKeySetTooLarge
	}
	return jose.ParseSet(body)
}
