package server

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant"
	"github.com/cognitotenant/cognitotenant-go/examples/notes-api/internal/store"
)

// noteJSON is a note as the API shows it. It has no tenant field: the
// tenant is the caller's.
type noteJSON struct {
	ID        string    `json:"id"`
	Content   string    `json:"content"`
	CreatedBy string    `json:"created_by"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
	Version   int64     `json:"version"`
}

// notePage is one page of the list; Next is null on the last page.
type notePage struct {
	Notes []noteJSON `json:"notes"`
	Next  *string    `json:"next"`
}

// noteInput is the body of POST and PUT. PUT may send the version it read;
// when it does and the note changed since, the answer is 409.
type noteInput struct {
	Content string `json:"content"`
	Version int64  `json:"version,omitempty"`
}

func toNoteJSON(n store.Note) noteJSON {
	return noteJSON{n.ID, n.Content, n.CreatedBy, n.CreatedAt, n.UpdatedAt, n.Version}
}

func (s *Server) handleListNotes(w http.ResponseWriter, r *http.Request) {
	t, ok := s.tenant(w, r)
	if !ok {
		return
	}
	opt := store.ListOptions{After: r.URL.Query().Get("after")}
	if v := r.URL.Query().Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > store.MaxListLimit {
			writeProblem(w, http.StatusBadRequest, codeInvalidRequest,
				"limit must be a number from 1 to "+strconv.Itoa(store.MaxListLimit)+".")
			return
		}
		opt.Limit = n
	}
	page, err := s.store.ListNotes(r.Context(), t, opt)
	if err != nil {
		s.storeError(w, r, "list notes", err)
		return
	}
	out := notePage{Notes: make([]noteJSON, 0, len(page.Notes))}
	for _, n := range page.Notes {
		out.Notes = append(out.Notes, toNoteJSON(n))
	}
	if page.Next != "" {
		out.Next = &page.Next
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) handleCreateNote(w http.ResponseWriter, r *http.Request) {
	t, ok := s.tenant(w, r)
	if !ok {
		return
	}
	var in noteInput
	if !s.decodeBody(w, r, &in) || !validContent(w, in.Content) {
		return
	}
	if in.Version != 0 {
		writeProblem(w, http.StatusBadRequest, codeInvalidRequest,
			"version is set by the service on create.")
		return
	}
	c, _ := cognitotenant.FromContext(r.Context())
	n, err := s.store.CreateNote(r.Context(), t, c.Subject, in.Content)
	if err != nil {
		s.storeError(w, r, "create note", err)
		return
	}
	w.Header().Set("Location", "/api/v1/notes/"+n.ID)
	writeJSON(w, http.StatusCreated, toNoteJSON(n))
}

func (s *Server) handleGetNote(w http.ResponseWriter, r *http.Request) {
	t, ok := s.tenant(w, r)
	if !ok {
		return
	}
	n, err := s.store.GetNote(r.Context(), t, r.PathValue("id"))
	if err != nil {
		s.storeError(w, r, "get note", err)
		return
	}
	writeJSON(w, http.StatusOK, toNoteJSON(n))
}

func (s *Server) handleUpdateNote(w http.ResponseWriter, r *http.Request) {
	t, ok := s.tenant(w, r)
	if !ok {
		return
	}
	var in noteInput
	if !s.decodeBody(w, r, &in) || !validContent(w, in.Content) {
		return
	}
	if in.Version < 0 {
		writeProblem(w, http.StatusBadRequest, codeInvalidRequest,
			"version must be positive.")
		return
	}
	n, err := s.store.UpdateNote(r.Context(), t, r.PathValue("id"), in.Content, in.Version)
	if err != nil {
		s.storeError(w, r, "update note", err)
		return
	}
	writeJSON(w, http.StatusOK, toNoteJSON(n))
}

func (s *Server) handleDeleteNote(w http.ResponseWriter, r *http.Request) {
	t, ok := s.tenant(w, r)
	if !ok {
		return
	}
	id := r.PathValue("id")
	if err := s.store.DeleteNote(r.Context(), t, id); err != nil {
		s.storeError(w, r, "delete note", err)
		return
	}
	c, _ := cognitotenant.FromContext(r.Context())
	s.audit(r, t, store.AuditEntry{
		ActorSub: c.Subject, ActorKind: store.ActorTenant,
		Action: "note.delete", ObjectID: id,
	})
	w.WriteHeader(http.StatusNoContent)
}

func validContent(w http.ResponseWriter, content string) bool {
	if content == "" || len(content) > store.MaxContentBytes {
		writeProblem(w, http.StatusBadRequest, codeInvalidRequest,
			"content must be 1 to "+strconv.Itoa(store.MaxContentBytes)+" bytes.")
		return false
	}
	return true
}

// tenant returns the request's tenant or answers 401: a handler reached
// without one is a wiring mistake and must not run unscoped.
func (s *Server) tenant(w http.ResponseWriter, r *http.Request) (store.TenantID, bool) {
	t, ok := tenantFrom(r.Context())
	if !ok {
		writeProblem(w, http.StatusUnauthorized, codeUnauthorized,
			"A verified token with a tenant is required.")
	}
	return t, ok
}

// storeError answers for a store failure. A note that is missing and one
// of another tenant get the same 404, byte for byte.
func (s *Server) storeError(w http.ResponseWriter, r *http.Request, op string, err error) {
	switch {
	case errors.Is(err, store.ErrNotFound):
		writeProblem(w, http.StatusNotFound, codeNotFound, "The note was not found.")
	case errors.Is(err, store.ErrConflict):
		writeProblem(w, http.StatusConflict, codeConflict,
			"The note changed since that version; read it again.")
	case errors.Is(err, store.ErrInvalidInput):
		writeProblem(w, http.StatusBadRequest, codeInvalidRequest,
			"The request's values are not valid.")
	default:
		s.internalError(w, r, op, err)
	}
}
