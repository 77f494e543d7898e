package testutil_test

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant/testutil"
)

func TestStartOnAFixedAddress(t *testing.T) {
	t.Parallel()
	fc, err := testutil.NewFakeCognito()
	if err != nil {
		t.Fatalf("NewFakeCognito: %v", err)
	}
	url, err := fc.Start("127.0.0.1:0")
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(fc.Close)
	if !strings.HasPrefix(url, "http://127.0.0.1:") || fc.URL() != url {
		t.Fatalf("Start URL %q, URL() %q", url, fc.URL())
	}
	if _, err := fc.Start("127.0.0.1:0"); !errors.Is(err, testutil.ErrFakeStarted) {
		t.Fatalf("second Start: %v, want ErrFakeStarted", err)
	}
	pool, err := fc.SeedPool(testutil.PoolSpec{})
	if err != nil {
		t.Fatalf("SeedPool: %v", err)
	}
	resp, err := http.Get(fc.JWKSURL(pool.PoolID))
	if err != nil {
		t.Fatalf("get JWKS: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("JWKS status %d", resp.StatusCode)
	}

	fc.Close()
	if _, err := http.Get(fc.JWKSURL(pool.PoolID)); err == nil {
		t.Fatal("fake still answers after Close")
	}
}

func TestSignInNeedsAURL(t *testing.T) {
	t.Parallel()
	fc, err := testutil.NewFakeCognito()
	if err != nil {
		t.Fatalf("NewFakeCognito: %v", err)
	}
	pool, err := fc.SeedPool(testutil.PoolSpec{})
	if err != nil {
		t.Fatalf("SeedPool: %v", err)
	}
	if _, err := fc.SeedUser(pool.PoolID, testutil.SeedUserSpec{Username: "u",
		Password: strongPassword}); err != nil {
		t.Fatalf("SeedUser: %v", err)
	}
	if _, err := fc.SignIn(pool.ClientID, "u", strongPassword); !errors.Is(err,
		testutil.ErrNoURL) {
		t.Fatalf("SignIn before Start: %v, want ErrNoURL", err)
	}
	based, err := testutil.NewFakeCognito(testutil.WithCognitoBaseURL("http://fake.test"))
	if err != nil {
		t.Fatalf("NewFakeCognito: %v", err)
	}
	if got := based.IssuerURL("us-east-1_abc"); got != "http://fake.test/us-east-1_abc" {
		t.Fatalf("IssuerURL = %q", got)
	}
}

func TestNewFakeCognitoRefusesBadOptions(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		opt  testutil.FakeCognitoOption
		ok   bool
	}{
		{"region_is_accepted", testutil.WithCognitoRegion("eu-central-1"), true},
		{"empty_region_is_refused", testutil.WithCognitoRegion(""), false},
		{"nil_clock_is_refused", testutil.WithCognitoClock(nil), false},
		{"small_keys_are_refused", testutil.WithCognitoKeyBits(512), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := testutil.NewFakeCognito(tt.opt)
			if (err == nil) != tt.ok || err != nil && !errors.Is(err, testutil.ErrInvalidOption) {
				t.Fatalf("NewFakeCognito error = %v, want ok=%v", err, tt.ok)
			}
		})
	}
}
