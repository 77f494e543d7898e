# One place that knows each command; .ci/run and the README use these.
GO          ?= go
PKGS        ?= ./...
FUZZTIME    ?= 20s
BENCHTIME   ?= 1s
INTEGRATION ?= integration

.PHONY: test test-integration fuzz bench bench-peers load lint run

# The README's test command, with the race detector.
test:
	$(GO) test -race -count=1 $(PKGS)

# Suites that need outside services: cognito-local, PostgreSQL, Chromium.
# .ci/run provides them; locally each test skips and names what is missing.
test-integration:
	$(GO) test -race -count=1 -tags $(INTEGRATION) $(PKGS)

# A short fuzzing pass over every fuzz target.
fuzz:
	@for pkg in $$($(GO) list $(PKGS)); do \
		dir=$$($(GO) list -f '{{.Dir}}' $$pkg); \
		for f in $$(grep -ho '^func Fuzz[A-Za-z0-9_]*' $$dir/*_test.go 2>/dev/null \
			| sed 's/^func //'); do \
			echo "fuzz $$pkg $$f"; \
			$(GO) test -run='^$$' -fuzz="^$$f\$$" -fuzztime=$(FUZZTIME) $$pkg || exit 1; \
		done; \
	done

bench:
	$(GO) test -run='^$$' -bench=. -benchmem -benchtime=$(BENCHTIME) $(PKGS)

# Every Go peer verifier on the same tokens, written to docs/performance.md.
bench-peers:
	bench/run.sh

# The example service under load, with and without authentication.
load:
	bench/load.sh

lint:
	@out=$$(gofmt -l .); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet $(PKGS)
	$(GO) vet -tags $(INTEGRATION) $(PKGS)
	$(GO) vet -tags loadtest ./examples/notes-api/internal/server/
	cd bench && $(GO) vet ./...

run:
	$(GO) run ./examples/notes-api
