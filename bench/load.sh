#!/usr/bin/env bash
# Load-tests the example service's GET /api/v1/notes with and without
# token verification, then holds the authenticated server under constant
# load for the memory check, and writes the tables into
# docs/performance.md. Loopback only.
#
#   bench/load.sh                               # 30 x 1 s a server, 60 s soak
#   LOAD_PHASE=5s LOAD_ROUNDS=6 LOAD_SOAK=60s LOAD_WORKERS=16 bench/load.sh
#
# The top entries of the CPU profile of the alternating rounds and the
# share of token verification go in bench/results/load-pprof.txt, and
# what the heap gained during the soak in bench/results/load-heap-growth.txt.
set -euo pipefail

cd "$(dirname "$0")"
mkdir -p results
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export LOAD_REPORT="$work/load.md" LOAD_PROFILE_DIR="$work"

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
(cd .. && go test -tags loadtest -run '^TestLoad$' -count 1 -v -timeout 30m \
	-o "$work/server.test" \
	./examples/notes-api/internal/server/)
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

go tool pprof -top -nodecount 25 "$work/server.test" "$work/cpu.pprof" \
	>results/load-pprof.txt 2>/dev/null
{
	echo
	echo "Token verification, (*Verifier).Verify and below:"
	go tool pprof -top -focus 'cognitotenant.\(\*Verifier\).Verify$' \
		"$work/server.test" "$work/cpu.pprof" 2>/dev/null | grep '^Showing nodes'
	echo "Serving HTTP, (*conn).serve and below (both servers):"
	go tool pprof -top -focus 'net/http.\(\*conn\).serve$' \
		"$work/server.test" "$work/cpu.pprof" 2>/dev/null | grep '^Showing nodes'
} >>results/load-pprof.txt
go tool pprof -top -nodecount 20 -sample_index inuse_space \
	-base "$work/heap-start.pprof" "$work/server.test" "$work/heap-end.pprof" \
	>results/load-heap-growth.txt 2>/dev/null

share() { sed -n 's/^Showing nodes accounting for [^,]*, \([0-9.]*%\) of.*/\1/p'; }
verify_share=$(sed -n '/^Token verification/{n;p}' results/load-pprof.txt | share)
serve_share=$(sed -n '/^Serving HTTP/{n;p}' results/load-pprof.txt | share)
cat >>"$LOAD_REPORT" <<MD

In the CPU profile of the rounds, token verification (\`(*Verifier).Verify\`
and below) took $verify_share of the process's samples, serving HTTP on both
servers $serve_share; see bench/results/load-pprof.txt.
MD

./machine.sh "bench/load.sh" "$load_before" "$load_after" >"$work/header.md"
go run ./cmd/perfdoc -section load -doc ../docs/performance.md \
	-header "$work/header.md" <"$LOAD_REPORT"
echo "wrote docs/performance.md and bench/results/load-pprof.txt"
