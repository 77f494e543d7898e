package server

import (
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strings"
)

// maxBodyBytes bounds a request body; the largest legitimate one is a note
// of store.MaxContentBytes plus JSON framing.
const maxBodyBytes = 128 << 10

// decodeBody reads one JSON object into dst. Unknown fields are refused,
// which is how a tenant_id smuggled into a body is turned away (400)
// rather than silently used or ignored. On failure it has written the
// problem and returns false. The problem never repeats the client's text;
// an unknown field's name goes to the Debug log.
func (s *Server) decodeBody(w http.ResponseWriter, r *http.Request, dst any) bool {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	dec.DisallowUnknownFields()
	err := dec.Decode(dst)
	if err == nil {
		if _, extra := dec.Token(); extra != io.EOF {
			err = errors.New("trailing data")
		}
	}
	if err == nil {
		return true
	}

	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		writeProblem(w, http.StatusRequestEntityTooLarge, codeBodyTooLarge,
			"The request body is too large.")
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		// The name is the client's own text: echoed, it would carry whatever
		// markup or log-forging bytes the client chose into our response.
		s.log.LogAttrs(r.Context(), slog.LevelDebug, "body has an unknown field",
			slog.String("field", strings.TrimPrefix(err.Error(), "json: unknown field ")))
		writeProblem(w, http.StatusBadRequest, codeUnknownField,
			"The body has a field this operation does not accept.")
	default:
		writeProblem(w, http.StatusBadRequest, codeInvalidJSON,
			"The body must be one JSON object of the documented shape.")
	}
	return false
}
