package server

import (
	"context"
	"net/http"
	"time"
)

// readyTimeout bounds each readiness check, so a hung dependency makes the
// service not ready instead of hanging the probe.
const readyTimeout = 3 * time.Second

type readiness struct {
	Status string            `json:"status"`
	Checks map[string]string `json:"checks"`
}

// handleHealth answers 200 while the process serves requests at all.
func (s *Server) handleHealth(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// handleReady answers 200 when the signing keys and the database can both
// be reached, and 503 naming the failed check otherwise. Causes go to the
// log, not the body: the endpoint is public.
func (s *Server) handleReady(w http.ResponseWriter, r *http.Request) {
	out := readiness{Status: "ready", Checks: map[string]string{}}
	status := http.StatusOK
	for name, check := range map[string]func(context.Context) error{
		"keys":     s.keysReady,
		"database": s.store.Ping,
	} {
		ctx, cancel := context.WithTimeout(r.Context(), readyTimeout)
		err := check(ctx)
		cancel()
		if err != nil {
			s.log.WarnContext(r.Context(), "not ready", "check", name, "err", err)
			out.Checks[name] = "failing"
			out.Status, status = "not_ready", http.StatusServiceUnavailable
			continue
		}
		out.Checks[name] = "ok"
	}
	writeJSON(w, status, out)
}

// handlePublicDocs serves the public API's OpenAPI document and Swagger UI.
func (s *Server) handlePublicDocs(w http.ResponseWriter, r *http.Request) {
	s.publicDocs.ServeHTTP(w, r)
}

// handleInternalDocs serves the internal API's document and Swagger UI.
func (s *Server) handleInternalDocs(w http.ResponseWriter, r *http.Request) {
	s.internalDocs.ServeHTTP(w, r)
}
