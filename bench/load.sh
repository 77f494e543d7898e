#!/usr/bin/env bash
# Load-tests the example service's GET /api/v1/notes with and without
# token verification, then holds the authenticated server under constant
# load for the memory check, and writes the tables into
# docs/performance.md. Loopback only.
#
#   bench/load.sh                               # 3 x 10 s a server, 60 s soak
#   LOAD_PHASE=5s LOAD_ROUNDS=2 LOAD_SOAK=60s LOAD_WORKERS=16 bench/load.sh
#
# The CPU profile of the whole run is kept in bench/results/load.cpu.pprof,
# and its top entries in bench/results/load-pprof.txt.
set -euo pipefail

cd "$(dirname "$0")"
mkdir -p results
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export LOAD_REPORT="$work/load.md"

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
(cd .. && go test -tags loadtest -run '^TestLoad$' -count 1 -v -timeout 30m \
	-cpuprofile "$work/load.cpu.pprof" -o "$work/server.test" \
	./examples/notes-api/internal/server/)
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

cp "$work/load.cpu.pprof" results/load.cpu.pprof
go tool pprof -top -nodecount 25 "$work/server.test" results/load.cpu.pprof \
	>results/load-pprof.txt 2>/dev/null
{
	echo "Share of CPU in token verification ((*Verifier).Verify, cumulative):"
	go tool pprof -top -focus 'cognitotenant.\(\*Verifier\).Verify$' \
		"$work/server.test" results/load.cpu.pprof 2>/dev/null | sed -n '1,6p'
} >>results/load-pprof.txt

./machine.sh "bench/load.sh" "$load_before" "$load_after" >"$work/header.md"
go run ./cmd/perfdoc -section load -doc ../docs/performance.md \
	-header "$work/header.md" <"$LOAD_REPORT"
echo "wrote docs/performance.md and bench/results/load-pprof.txt"
