package middleware

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant/rbac"
)

// ErrConfig is returned, wrapped, by [New] for an invalid option.
var ErrConfig = errors.New("cognitotenant/middleware: invalid configuration")

// Defaults used when no option overrides them.
const (
	// DefaultRealm is the realm named in WWW-Authenticate challenges.
	DefaultRealm = "api"
	// DefaultMaxTokenLength caps a token before any decoding. Cognito
	// tokens with many groups stay well under it; the cap keeps a
	// hostile header from costing base64 and JSON work.
	DefaultMaxTokenLength = 8 << 10
	// DefaultRetryAfter is the Retry-After sent with a 503.
	DefaultRetryAfter = 30 * time.Second
)

// maxTokenLengthLimit bounds WithMaxTokenLength: beyond it the cap no
// longer protects anything.
const maxTokenLengthLimit = 64 << 10

// Extractor finds a token in a request other than in the Authorization
// header. It returns "" and nil when the request carries none, and an
// error when what it found is malformed; the request is then refused
// with 400. It must not log or keep the token.
type Extractor func(r *http.Request) (string, error)

// Skipper reports whether a request bypasses authentication entirely,
// such as a CORS preflight or a health check. A skipped request reaches
// the handler without claims.
type Skipper func(r *http.Request) bool

// Option configures an [Authenticator].
type Option func(*config) error

type config struct {
	realm        string
	maxLen       int
	retryAfter   time.Duration
	extractors   []Extractor
	optional     bool
	skipper      Skipper
	logger       *slog.Logger
	errorHandler ErrorHandler
	policy       *rbac.Policy
}

// WithRealm sets the realm of WWW-Authenticate challenges. It must be
// non-empty printable ASCII without quotes or backslashes.
func WithRealm(realm string) Option {
	return func(c *config) error {
		if realm == "" || !quoteSafe(realm) {
			return fmt.Errorf("%w: realm must be printable ASCII without quotes", ErrConfig)
		}
		c.realm = realm
		return nil
	}
}

// WithMaxTokenLength sets the longest token accepted, in bytes, checked
// before any decoding. It must be between 1 and 65536.
func WithMaxTokenLength(n int) Option {
	return func(c *config) error {
		if n < 1 || n > maxTokenLengthLimit {
			return fmt.Errorf("%w: max token length %d out of range", ErrConfig, n)
		}
		c.maxLen = n
		return nil
	}
}

// WithRetryAfter sets the Retry-After of the 503 sent when signing keys
// are unavailable. It is rounded up to whole seconds and must be positive.
func WithRetryAfter(d time.Duration) Option {
	return func(c *config) error {
		if d <= 0 {
			return fmt.Errorf("%w: retry-after must be positive", ErrConfig)
		}
		c.retryAfter = d
		return nil
	}
}

// WithCookie also reads the token from the named cookie when there is no
// Authorization header; the header always wins. A request with two
// cookies of that name is refused, since a sibling subdomain can plant a
// second one. Browsers send cookies on cross-site requests, so routes
// that accept a cookie token need CSRF protection.
func WithCookie(name string) Option {
	return func(c *config) error {
		if name == "" || !isToken(name) {
			return fmt.Errorf("%w: invalid cookie name", ErrConfig)
		}
		c.extractors = append(c.extractors, cookieExtractor(name))
		return nil
	}
}

// WithExtractor adds an extractor tried, in the order added, when the
// request has no Authorization header.
func WithExtractor(e Extractor) Option {
	return func(c *config) error {
		if e == nil {
			return fmt.Errorf("%w: nil extractor", ErrConfig)
		}
		c.extractors = append(c.extractors, e)
		return nil
	}
}

// WithCredentialsOptional lets requests without any credentials through
// without claims, for routes that serve anonymous callers differently.
// Credentials that are present but bad are still refused: a broken token
// never silently becomes an anonymous call.
func WithCredentialsOptional() Option {
	return func(c *config) error {
		c.optional = true
		return nil
	}
}

// WithSkipper sets a Skipper; see [SkipPreflight] and [SkipPaths].
func WithSkipper(s Skipper) Option {
	return func(c *config) error {
		if s == nil {
			return fmt.Errorf("%w: nil skipper", ErrConfig)
		}
		c.skipper = s
		return nil
	}
}

// WithLogger logs one Debug line per refusal with the reason, issuer
// and key id, and a Warn line when a path names another tenant. Tokens
// are never logged. Without it the middleware does not log.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) error {
		if l == nil {
			return fmt.Errorf("%w: nil logger", ErrConfig)
		}
		c.logger = l
		return nil
	}
}

// WithErrorHandler replaces [WriteProblem] as the writer of refusals.
func WithErrorHandler(h ErrorHandler) Option {
	return func(c *config) error {
		if h == nil {
			return fmt.Errorf("%w: nil error handler", ErrConfig)
		}
		c.errorHandler = h
		return nil
	}
}

// WithPolicy sets the rbac policy that decides requirements; without it
// the default policy of rbac.Default is used. A policy is immutable, so
// the Authenticator never sees it change.
func WithPolicy(p *rbac.Policy) Option {
	return func(c *config) error {
		if p == nil {
			return fmt.Errorf("%w: nil policy", ErrConfig)
		}
		c.policy = p
		return nil
	}
}

// quoteSafe reports whether s can sit inside a quoted-string unescaped.
func quoteSafe(s string) bool {
	for i := 0; i < len(s); i++ {
		b := s[i]
		if b < 0x20 || b > 0x7e || b == '"' || b == '\\' {
			return false
		}
	}
	return true
}

// isToken reports whether s is an RFC 9110 token, as cookie names are.
func isToken(s string) bool {
	for i := 0; i < len(s); i++ {
		b := s[i]
		if b <= 0x20 || b >= 0x7f || strings.IndexByte(`"(),/:;<=>?@[\]{}`, b) >= 0 {
			return false
		}
	}
	return true
}
