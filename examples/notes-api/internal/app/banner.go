package app

import (
	"fmt"
	"io"
	"strings"

	"github.com/cognitotenant/cognitotenant-go/examples/notes-api/internal/config"
)

// WriteBanner prints where the service listens and how to use it. In the
// embedded mode it also prints the demo credentials and, when the service
// generated it, the internal API token: both exist only on this machine.
// The lines have a fixed "label: value" shape; the README and the
// end-to-end test read them.
func (a *App) WriteBanner(w io.Writer) {
	var b strings.Builder
	fmt.Fprintf(&b, "notes-api is running (%s mode)\n", a.Config.Mode)
	fmt.Fprintf(&b, "  Public API:     %s\n", a.PublicURL)
	fmt.Fprintf(&b, "  Swagger UI:     %s/docs\n", a.PublicURL)
	fmt.Fprintf(&b, "  Internal API:   %s\n", a.InternalURL)
	switch {
	case a.TokenGenerated:
		fmt.Fprintf(&b, "  Internal token: %s\n", a.InternalToken)
	case a.Config.Mode == config.ModeEmbedded:
		fmt.Fprintf(&b, "  Internal token: (from INTERNAL_API_TOKEN)\n")
	}
	fmt.Fprintf(&b, "  Database:       %s\n", databaseLabel(a.Config.DatabaseURL))
	if d := a.Demo; d != nil {
		fmt.Fprintf(&b, "  Fake Cognito:   %s (pool %s)\n", a.Config.Cognito.Endpoint,
			a.Config.Cognito.UserPoolID)
		fmt.Fprintf(&b, "  Demo user:      %s\n", d.Email)
		fmt.Fprintf(&b, "  Demo password:  %s\n", d.Password)
		fmt.Fprintf(&b, "  Demo tenant:    %s (group %s)\n", d.Tenant, d.Group)
	} else {
		fmt.Fprintf(&b, "  Cognito pool:   %s (issuer %s)\n", a.Config.Cognito.UserPoolID,
			a.Config.Cognito.Issuer)
	}
	_, _ = io.WriteString(w, b.String())
}

// databaseLabel shows a SQLite path, and only the host of a PostgreSQL URL,
// which may carry a password.
func databaseLabel(url string) string {
	if p, ok := strings.CutPrefix(url, "sqlite:"); ok {
		return "SQLite " + p
	}
	host := url
	if _, rest, ok := strings.Cut(url, "@"); ok {
		host = rest
	} else if _, rest, ok := strings.Cut(url, "://"); ok {
		host = rest
	}
	host, _, _ = strings.Cut(host, "/")
	return "PostgreSQL at " + host
}
