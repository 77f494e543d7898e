package store

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func TestParseTenantID(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, in string
		ok       bool
	}{
		{"demo_tenant_is_accepted", "tenant-123", true},
		{"uuid_is_accepted", "0b7f4c1e-2f0a-4d8e-9a55-2c7d0f1e3a4b", true},
		{"single_character_is_accepted", "a", true},
		{"sixty_four_characters_are_accepted", strings.Repeat("a", 64), true},
		{"underscore_inside_is_accepted", "acme_eu", true},
		{"empty_is_rejected", "", false},
		{"sixty_five_characters_are_rejected", strings.Repeat("a", 65), false},
		{"leading_dash_is_rejected", "-tenant", false},
		{"leading_underscore_is_rejected", "_tenant", false},
		{"path_traversal_is_rejected", "../etc", false},
		{"space_is_rejected", "tenant 1", false},
		{"sql_wildcard_is_rejected", "tenant%", false},
		{"quote_is_rejected", "t'--", false},
		{"trailing_newline_is_rejected", "tenant\n", false},
		{"non_ascii_is_rejected", "tenänt", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := ParseTenantID(tc.in)
			if !tc.ok {
				if !errors.Is(err, ErrInvalidTenant) || !got.IsZero() {
					t.Fatalf("ParseTenantID(%q) = %v, %v; want ErrInvalidTenant", tc.in, got, err)
				}
				if tc.in != "" && strings.Contains(err.Error(), tc.in) {
					t.Errorf("error %q echoes the input", err)
				}
				return
			}
			if err != nil || got.String() != tc.in || got.IsZero() {
				t.Fatalf("ParseTenantID(%q) = %v, %v", tc.in, got, err)
			}
		})
	}
}

func TestTenantIDZeroValue(t *testing.T) {
	t.Parallel()
	var zero TenantID
	if !zero.IsZero() || zero.String() != "" {
		t.Fatal("zero TenantID is not zero")
	}
	if err := zero.check(); !errors.Is(err, ErrInvalidTenant) {
		t.Fatalf("check() = %v, want ErrInvalidTenant", err)
	}
	valid, _ := ParseTenantID("tenant-123")
	if err := valid.check(); err != nil {
		t.Fatalf("check() of a parsed id = %v", err)
	}
}

func FuzzParseTenantID(f *testing.F) {
	for _, s := range []string{"tenant-123", "", "../x", "a_b-c", "\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ParseTenantID(s)
		if err != nil {
			if !got.IsZero() {
				t.Fatal("rejected input produced a non-zero TenantID")
			}
			return
		}
		if got.String() != s || got.IsZero() || !tenantPattern.MatchString(s) {
			t.Fatalf("accepted %q as %q", s, got)
		}
		if strings.ContainsAny(s, "/.\\ '\"%;") {
			t.Fatalf("accepted %q, which holds a path or SQL character", s)
		}
	})
}

func TestTenantIDText(t *testing.T) {
	t.Parallel()
	t.Run("valid_id_round_trips_through_json", func(t *testing.T) {
		want, _ := ParseTenantID("tenant-123")
		b, err := json.Marshal(map[string]TenantID{"tenant": want})
		if err != nil || string(b) != `{"tenant":"tenant-123"}` {
			t.Fatalf("marshal: %s, %v", b, err)
		}
		var got map[string]TenantID
		if err := json.Unmarshal(b, &got); err != nil || got["tenant"] != want {
			t.Fatalf("unmarshal: %v, %v", got, err)
		}
	})
	t.Run("zero_value_does_not_marshal", func(t *testing.T) {
		if _, err := json.Marshal(TenantID{}); !errors.Is(err, ErrInvalidTenant) {
			t.Fatalf("got %v, want ErrInvalidTenant", err)
		}
	})
	t.Run("invalid_text_does_not_unmarshal", func(t *testing.T) {
		var got TenantID
		err := json.Unmarshal([]byte(`"../x"`), &got)
		if !errors.Is(err, ErrInvalidTenant) || !got.IsZero() {
			t.Fatalf("got %v, %v", got, err)
		}
	})
}
