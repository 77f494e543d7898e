package testutil

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
)

// ErrFakeStarted is returned by Start on a fake that is already serving.
var ErrFakeStarted = errors.New("testutil: fake cognito already started")

// StartFakeCognito starts a fake on a loopback httptest server and closes
// it when the test ends. Its URL is the server's unless WithCognitoBaseURL
// says otherwise. It fails the test if an option is invalid.
func StartFakeCognito(t testing.TB, opts ...FakeCognitoOption) *FakeCognito {
	t.Helper()
	fc, err := NewFakeCognito(opts...)
	if err != nil {
		t.Fatalf("testutil: %v", err)
	}
	ts := httptest.NewServer(fc)
	fc.mu.Lock()
	if !fc.fixedBase {
		fc.baseURL = ts.URL
	}
	fc.closeFn = ts.Close
	fc.mu.Unlock()
	t.Cleanup(fc.Close)
	return fc
}

// Start serves the fake on addr ("127.0.0.1:9229", or ":0" for any free
// port) until Close, and returns its URL. Unless WithCognitoBaseURL was
// given, the URL names the bound address, with 127.0.0.1 standing for an
// unspecified host. It fails with ErrFakeStarted when already serving; a
// closed fake may be started again, with its state.
func (fc *FakeCognito) Start(addr string) (string, error) {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	if fc.closeFn != nil {
		return "", ErrFakeStarted
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return "", err
	}
	srv := &http.Server{Handler: fc, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	fc.closeFn = func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
	}
	if !fc.fixedBase {
		fc.baseURL = "http://" + advertised(ln.Addr().(*net.TCPAddr))
	}
	return fc.baseURL, nil
}

// Close stops a fake started by Start or StartFakeCognito; state is kept.
// It is safe to call more than once.
func (fc *FakeCognito) Close() {
	fc.mu.Lock()
	closeFn := fc.closeFn
	fc.closeFn = nil
	fc.mu.Unlock()
	if closeFn != nil {
		closeFn()
	}
}

// AWSConfig returns an aws.Config for this fake: its region, static
// credentials and its URL as BaseEndpoint. Pass it to
// cognitoidentityprovider.NewFromConfig once the fake has a URL (after
// Start, StartFakeCognito or WithCognitoBaseURL).
func (fc *FakeCognito) AWSConfig() aws.Config {
	return aws.Config{
		Region:       fc.region,
		Credentials:  credentials.NewStaticCredentialsProvider("fake", "fake", ""),
		BaseEndpoint: aws.String(fc.URL()),
	}
}

func advertised(a *net.TCPAddr) string {
	host := a.IP.String()
	if a.IP.IsUnspecified() {
		host = "127.0.0.1"
	}
	return net.JoinHostPort(host, strconv.Itoa(a.Port))
}
