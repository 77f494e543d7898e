package server

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestDecodeBody(t *testing.T) {
	t.Parallel()
	const field = "<img src=x onerror=alert(1)>"
	tests := []struct {
		name     string
		body     string
		wantOK   bool
		wantCode string
	}{
		{"known_fields_decode", `{"content":"hi"}`, true, ""},
		{"unknown_field_is_refused_without_echoing_its_name",
			`{"content":"hi","` + field + `":1}`, false, codeUnknownField},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var logs bytes.Buffer
			s := &Server{log: slog.New(slog.NewTextHandler(&logs,
				&slog.HandlerOptions{Level: slog.LevelDebug}))}
			rec := httptest.NewRecorder()
			req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(tt.body))
			var dst struct {
				Content string `json:"content"`
			}

			ok := s.decodeBody(rec, req, &dst)

			if ok != tt.wantOK {
				t.Fatalf("decodeBody = %v, want %v; body %s", ok, tt.wantOK, rec.Body)
			}
			if ok {
				if dst.Content != "hi" {
					t.Errorf("content %q, want hi", dst.Content)
				}
				return
			}
			if !strings.Contains(rec.Body.String(), `"code":"`+tt.wantCode+`"`) {
				t.Errorf("body %s, want code %s", rec.Body, tt.wantCode)
			}
			if strings.Contains(rec.Body.String(), "onerror") {
				t.Errorf("problem echoes the client's field name: %s", rec.Body)
			}
			if !strings.Contains(logs.String(), "onerror") {
				t.Errorf("debug log lacks the refused field name: %q", logs.String())
			}
		})
	}
}
