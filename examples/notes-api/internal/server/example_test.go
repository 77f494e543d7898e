package server_test

import (
	"fmt"
	"strings"

	"github.com/cognitotenant/cognitotenant-go/examples/notes-api/internal/server"
)

// The route table is the service's access policy at a glance: what each
// route needs before its handler runs.
func ExampleRoutes() {
	for _, r := range server.Routes() {
		if r.Listener == server.ListenerPublic && r.Access != server.AccessPublic {
			line := fmt.Sprintf("%-6s %-20s %-10s %s", r.Method, r.Pattern, r.Access,
				r.Permission)
			fmt.Println(strings.TrimSpace(line))
		}
	}
	// Output:
	// GET    /api/v1/me           token
	// GET    /api/v1/notes        permission read
	// POST   /api/v1/notes        permission create
	// GET    /api/v1/notes/{id}   permission read
	// PUT    /api/v1/notes/{id}   permission update
	// DELETE /api/v1/notes/{id}   permission delete
	// GET    /api/v1/users        permission manage_users
	// POST   /api/v1/users        permission manage_users
}
