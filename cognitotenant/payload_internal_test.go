package cognitotenant

import "testing"

func TestHasKey(t *testing.T) {
	t.Parallel()
	q := []byte(`"custom:tenant_id"`)
	tests := []struct {
		name    string
		payload string
		want    bool
	}{
		{"key_present_is_found", `{"sub":"x","custom:tenant_id":"a"}`, true},
		{"key_first_is_found", `{"custom:tenant_id":"a"}`, true},
		{"other_case_is_not_the_key", `{"custom:Tenant_ID":"a"}`, false},
		{"name_without_opening_quote_is_not_the_key", `{"xcustom:tenant_id":"a"}`, false},
		{"later_exact_key_is_found_after_a_near_miss",
			`{"xcustom:tenant_id":"a","custom:tenant_id":"b"}`, true},
		{"absent_key_is_not_found", `{"sub":"x"}`, false},
		{"name_as_a_value_is_not_the_key", `{"sub":"custom:tenant_id"}`, false},
		{"name_at_the_end_of_a_key_is_not_the_key", `{"x\"custom:tenant_id":1}`, false},
		{"key_after_escaped_backslash_is_found", `{"x":"\\","custom:tenant_id":1}`, true},
		{"key_with_space_before_colon_is_found", "{\"custom:tenant_id\" \t:1}", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := hasKey([]byte(tt.payload), q); got != tt.want {
				t.Fatalf("hasKey = %v, want %v", got, tt.want)
			}
		})
	}
}
