//go:build integration

package apidocs_test

import (
	"context"
	"net/http/httptest"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/cognitotenant/cognitotenant-go/examples/notes-api/internal/apidocs"
	"github.com/cognitotenant/cognitotenant-go/internal/testenv"
)

// newBrowser starts the Chromium of CHROMIUM_BIN headless, with a fresh
// profile and none of the background services that would call Google, and
// returns a context whose tabs share it.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	bin := os.Getenv("CHROMIUM_BIN")
	if bin == "" {
		testenv.Missing(t, "Chromium (CHROMIUM_BIN)",
			"apt-get install -y chromium; export CHROMIUM_BIN=/usr/bin/chromium")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(bin),
		chromedp.Headless,
		chromedp.NoSandbox, // CI runs as root, where the sandbox cannot start
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	t.Cleanup(func() { cancelCtx(); cancelAlloc() })
	// The first Do starts the browser and ties it to ctx, which has no
	// deadline: a timeout here would stop the browser for every tab.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start %s: %v", bin, err)
	}
	return ctx
}

// renderedOperations opens the Swagger UI page at url in a new tab and
// returns the operations it rendered as "METHOD /path", once want of them
// are on the page, and every URL the page requested outside origin.
func renderedOperations(t *testing.T, browser context.Context, url, origin string,
	want int) (ops, foreign []string) {
	t.Helper()
	tab, cancelTab := chromedp.NewContext(browser)
	defer cancelTab()
	ctx, cancel := context.WithTimeout(tab, 60*time.Second)
	defer cancel()

	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatalf("enable network events: %v", err)
	}
	var mu sync.Mutex
	err := chromedp.Listen(ctx, func(ev any) {
		e, ok := ev.(*network.EventRequestWillBeSent)
		if !ok {
			return
		}
		if u := e.Request.URL; !strings.HasPrefix(u, origin+"/") &&
			!strings.HasPrefix(u, "data:") {
			mu.Lock()
			foreign = append(foreign, u)
			mu.Unlock()
		}
	})
	if err != nil {
		t.Fatalf("listen: %v", err)
	}

	const count = `document.querySelectorAll('.opblock').length`
	const list = `Array.from(document.querySelectorAll('.opblock')).map(b =>
		b.querySelector('.opblock-summary-method').textContent.trim() + ' ' +
		b.querySelector('.opblock-summary-path').getAttribute('data-path'))`
	err = chromedp.Do(ctx,
		chromedp.Navigate(url),
		chromedp.WaitVisible(chromedp.CSS(".opblock")),
	)
	if err == nil {
		_, err = chromedp.Run(ctx, chromedp.Poll[bool](count+` >= `+strconv.Itoa(want),
			chromedp.WithPollingTimeout(30*time.Second)))
	}
	if err == nil {
		ops, err = chromedp.Run(ctx, chromedp.Evaluate[[]string](list))
	}
	if err != nil {
		n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](count))
		t.Fatalf("Swagger UI did not render %d operations (%d on the page): %v",
			want, n, err)
	}
	mu.Lock()
	defer mu.Unlock()
	return ops, slices.Clone(foreign)
}

// TestSwaggerUI_RendersTheAPI opens /docs in headless Chromium and checks
// that Swagger UI, loaded only from the service, rendered one block per
// operation of the document.
func TestSwaggerUI_RendersTheAPI(t *testing.T) {
	ctx := newBrowser(t)
	for _, d := range documents {
		t.Run(d.Name(), func(t *testing.T) {
			srv := httptest.NewServer(apidocs.NewHandler(d))
			defer srv.Close()
			assertRendersDocument(t, ctx, srv.URL, d)
		})
	}
}

// TestSwaggerUI_ThroughTheService starts the service on its embedded
// defaults and checks /docs on both of its listeners, each rendering its
// own document.
func TestSwaggerUI_ThroughTheService(t *testing.T) {
	ctx := newBrowser(t)
	svc := startService(t)

	t.Run("public", func(t *testing.T) {
		assertRendersDocument(t, ctx, svc.PublicURL, apidocs.Public())
	})
	t.Run("internal", func(t *testing.T) {
		assertRendersDocument(t, ctx, svc.InternalURL, apidocs.Internal())
	})
}

// assertRendersDocument checks the page at base+/docs against d.
func assertRendersDocument(t *testing.T, ctx context.Context, base string,
	d apidocs.Document) {
	t.Helper()
	want, err := d.Operations()
	if err != nil {
		t.Fatal(err)
	}
	var patterns []string
	for _, op := range want {
		patterns = append(patterns, op.Pattern())
	}

	got, foreign := renderedOperations(t, ctx, base+apidocs.UIPath, base, len(want))
	slices.Sort(got)
	slices.Sort(patterns)
	if !slices.Equal(got, patterns) {
		t.Errorf("rendered operations\n got %q\nwant %q", got, patterns)
	}
	if len(foreign) > 0 {
		t.Errorf("the page requested URLs outside the service: %q", foreign)
	}
}
