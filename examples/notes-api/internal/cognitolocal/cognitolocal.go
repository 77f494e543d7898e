// Package cognitolocal starts cognito-local, the Node.js Cognito emulator,
// for tests: on a free loopback port, with its pools in a temporary
// directory, stopped when the test ends.
//
// cognito-local differs from Cognito in ways tests must allow for: one
// signing key for every pool and token kind, an issuer of
// <endpoint>/<poolId>, user names replaced by the sub when a pool signs in
// by email, and app-client write permissions stored but not enforced.
package cognitolocal

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cognitotenant/cognitotenant-go/internal/testenv"
)

// EnvBin names the variable that holds the path of cognito-local's binary.
const EnvBin = "COGNITO_LOCAL_BIN"

// startTimeout bounds how long the emulator may take to listen; Node needs
// a few seconds on a loaded machine.
const startTimeout = 30 * time.Second

// Start runs the cognito-local of $COGNITO_LOCAL_BIN and returns its
// endpoint, such as http://127.0.0.1:40123. When the variable is unset it
// calls testenv.Missing, which skips the test locally and fails it under
// CI. The emulator stops, and its output is logged if the test failed,
// when the test ends.
func Start(t testing.TB) string {
	t.Helper()
	bin := os.Getenv(EnvBin)
	if bin == "" {
		testenv.Missing(t, "cognito-local ("+EnvBin+")",
			"cd test/tools && npm ci && "+
				"export "+EnvBin+"=$PWD/node_modules/.bin/cognito-local")
	}
	port, err := freePort()
	if err != nil {
		t.Fatalf("cognitolocal: %v", err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, bin)
	cmd.Dir = t.TempDir() // cognito-local keeps its pools in ./.cognito
	cmd.Env = append(os.Environ(), "HOST=127.0.0.1", "PORT="+strconv.Itoa(port))
	out := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		cancel()
		t.Fatalf("cognitolocal: start %s: %v", bin, err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		cancel()
		<-exited
		if t.Failed() {
			t.Logf("cognito-local output:\n%s", out.String())
		}
	})

	endpoint := "http://" + net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	if err := waitReady(out, endpoint, exited); err != nil {
		t.Fatalf("cognitolocal: %v\n%s", err, out.String())
	}
	return endpoint
}

// freePort asks the kernel for a port that is free now. Another process
// could take it before cognito-local binds it; cognito-local then exits
// and Start fails.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// waitReady waits for cognito-local to announce endpoint, which it does
// once it listens. Watching its output rather than dialling the port
// cannot mistake another process on the port for the emulator.
func waitReady(out *syncBuffer, endpoint string, exited <-chan error) error {
	deadline := time.NewTimer(startTimeout)
	defer deadline.Stop()
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		if strings.Contains(out.String(), "running on "+endpoint) {
			return nil
		}
		select {
		case err := <-exited:
			return fmt.Errorf("exited before listening: %v", err)
		case <-deadline.C:
			return fmt.Errorf("not listening on %s after %s", endpoint, startTimeout)
		case <-tick.C:
		}
	}
}

// syncBuffer collects the emulator's output, written from exec's copying
// goroutines and read by the test.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
