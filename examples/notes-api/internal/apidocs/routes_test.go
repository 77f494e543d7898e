package apidocs_test

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cognitotenant/cognitotenant-go/examples/notes-api/internal/apidocs"
	"github.com/cognitotenant/cognitotenant-go/examples/notes-api/internal/server"
)

// TestDocuments_MatchTheServedRoutes keeps each listener's document true:
// every route the service registers there, except the Swagger UI pages, is
// an operation of the document, every operation is a route, and an
// operation needs no credential exactly when its route is public.
func TestDocuments_MatchTheServedRoutes(t *testing.T) {
	t.Parallel()
	listeners := []struct {
		listener server.Listener
		doc      apidocs.Document
	}{
		{server.ListenerPublic, apidocs.Public()},
		{server.ListenerInternal, apidocs.Internal()},
	}
	for _, l := range listeners {
		t.Run(string(l.listener), func(t *testing.T) {
			t.Parallel()
			routes := map[string]bool{} // pattern → public
			for _, r := range server.Routes() {
				p := r.Method + " " + r.Pattern
				if r.Listener == l.listener && !slices.Contains(apidocs.UIRoutes(), p) {
					routes[p] = r.Access == server.AccessPublic
				}
			}
			ops, err := l.doc.Operations()
			if err != nil {
				t.Fatal(err)
			}
			documented := map[string]bool{}
			for _, op := range ops {
				documented[op.Pattern()] = op.Public
			}
			if diff := cmp.Diff(routes, documented); diff != "" {
				t.Errorf("routes (-served +documented; true means no credential):\n%s",
					diff)
			}
		})
	}
}
