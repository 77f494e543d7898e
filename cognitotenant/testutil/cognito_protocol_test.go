package testutil_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant/testutil"
)

func TestProtocol(t *testing.T) {
	t.Parallel()
	fc, err := testutil.NewFakeCognito()
	if err != nil {
		t.Fatalf("NewFakeCognito: %v", err)
	}
	pool, err := fc.SeedPool(testutil.PoolSpec{})
	if err != nil {
		t.Fatalf("SeedPool: %v", err)
	}
	tests := []struct {
		name, target, body string
		status             int
		errType            string
	}{
		{"known_operation_answers_json", "DescribeUserPool",
			`{"UserPoolId":"` + pool.PoolID + `"}`, 200, ""},
		{"unknown_operation_is_named", "LaunchRocket", `{}`, 400, "UnknownOperationException"},
		{"other_service_target_is_unknown", "", `{}`, 400, "UnknownOperationException"},
		{"broken_json_is_a_serialization_error", "DescribeUserPool", `{`, 400,
			"SerializationException"},
		{"missing_pool_is_resource_not_found", "DescribeUserPool",
			`{"UserPoolId":"us-east-1_none"}`, 400, "ResourceNotFoundException"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(tt.body))
			req.Header.Set("Content-Type", "application/x-amz-json-1.1")
			if tt.target != "" {
				req.Header.Set("X-Amz-Target", "AWSCognitoIdentityProviderService."+tt.target)
			}
			rec := httptest.NewRecorder()
			fc.ServeHTTP(rec, req)
			if rec.Code != tt.status {
				t.Fatalf("status = %d, want %d: %s", rec.Code, tt.status, rec.Body)
			}
			if ct := rec.Header().Get("Content-Type"); ct != "application/x-amz-json-1.1" {
				t.Fatalf("content type = %q", ct)
			}
			var body map[string]any
			if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
				t.Fatalf("body is not JSON: %v", err)
			}
			gotType, _ := body["__type"].(string)
			if gotType != tt.errType || rec.Header().Get("X-Amzn-Errortype") != tt.errType {
				t.Fatalf("__type = %q, header %q, want %q", gotType,
					rec.Header().Get("X-Amzn-Errortype"), tt.errType)
			}
		})
	}
}

func TestSeedUserRefusals(t *testing.T) {
	t.Parallel()
	fc := testutil.StartFakeCognito(t)
	pool, err := fc.SeedPool(testutil.PoolSpec{CustomAttributes: []string{}})
	if err != nil {
		t.Fatalf("SeedPool: %v", err)
	}
	if _, err := fc.SeedUser(pool.PoolID, testutil.SeedUserSpec{Username: "taken",
		Password: strongPassword}); err != nil {
		t.Fatalf("SeedUser: %v", err)
	}
	tests := []struct {
		name   string
		poolID string
		spec   testutil.SeedUserSpec
		want   string
	}{
		{"taken_username", pool.PoolID, testutil.SeedUserSpec{Username: "taken",
			Password: strongPassword}, "UsernameExistsException"},
		{"weak_password", pool.PoolID, testutil.SeedUserSpec{Username: "w",
			Password: "weak"}, "InvalidPasswordException"},
		{"tenant_without_the_attribute", pool.PoolID, testutil.SeedUserSpec{Username: "t",
			Password: strongPassword, TenantID: "acme"}, "InvalidParameterException"},
		{"unknown_pool", "us-east-1_nothere00", testutil.SeedUserSpec{Username: "p",
			Password: strongPassword}, "ResourceNotFoundException"},
	}
	for _, tt := range tests {
		t.Run(tt.name+"_is_refused", func(t *testing.T) {
			_, err := fc.SeedUser(tt.poolID, tt.spec)
			var ce *testutil.CognitoError
			if !errors.As(err, &ce) || ce.Type != tt.want {
				t.Fatalf("SeedUser error = %v, want %s", err, tt.want)
			}
		})
	}
	t.Run("seeded_user_signs_in_with_go_helper", func(t *testing.T) {
		tokens, err := fc.SignIn(pool.ClientID, "taken", strongPassword)
		if err != nil || tokens.IDToken == "" || tokens.RefreshToken == "" {
			t.Fatalf("SignIn = %+v, %v", tokens, err)
		}
	})
}

// TestConcurrentUse seeds, signs in and reads from many goroutines; run
// with -race it shows the fake needs no outside locking.
func TestConcurrentUse(t *testing.T) {
	t.Parallel()
	f := newFixture(t, testutil.PoolSpec{Groups: []string{"g"}})
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			name := fmt.Sprintf("user%02d", i)
			_, err := f.fc.SeedUser(f.pool.PoolID, testutil.SeedUserSpec{Username: name,
				Password: strongPassword, TenantID: "t", Groups: []string{"g"}})
			if err == nil {
				_, err = f.fc.SignIn(f.pool.ClientID, name, strongPassword)
			}
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("concurrent seed and sign-in: %v", err)
		}
	}
}
