#!/usr/bin/env bash
# Benchmarks token verification by cognitotenant and its Go peers against
# a bare RSA floor, summarises the runs with benchstat and writes the
# tables into docs/performance.md.
#
#   bench/run.sh                      # 6 runs of 1 s per benchmark
#   COUNT=10 BENCHTIME=2s bench/run.sh
#
# The raw output is kept in bench/results/verify.txt, so benchstat can
# compare it with a later run, and where a cold verify spends its time
# beyond the floor's work in bench/results/cold-pprof.txt.
set -euo pipefail

cd "$(dirname "$0")"
count=${COUNT:-6}
benchtime=${BENCHTIME:-1s}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
go test -run '^$' -bench . -benchmem -count "$count" -benchtime "$benchtime" . \
	| tee "$work/raw.txt"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

mkdir -p results
cp "$work/raw.txt" results/verify.txt
go tool benchstat -format csv -table .name -row /token,/peer results/verify.txt \
	>"$work/stat.csv" 2>/dev/null

# Where a cold verify spends its time: its RSA verify is the floor's work,
# everything else is what the ratio to the floor measures.
go test -run '^$' -bench 'Verify/token=id/peer=cognitotenant-cold$' -benchtime 5s \
	-cpuprofile "$work/cold.pprof" -o "$work/bench.test" . >/dev/null
{
	echo "cognitotenant cold verify of ID tokens, CPU profile."
	echo "(*Verifier).Verify and below:"
	go tool pprof -top -focus 'cognitotenant.\(\*Verifier\).Verify$' \
		"$work/bench.test" "$work/cold.pprof" 2>/dev/null | grep '^Showing nodes'
	echo "of which crypto/rsa.VerifyPKCS1v15, the floor's work:"
	go tool pprof -top -focus 'crypto/rsa.VerifyPKCS1v15$' \
		"$work/bench.test" "$work/cold.pprof" 2>/dev/null | grep '^Showing nodes'
	echo "garbage collection in the background, paid for the allocations:"
	go tool pprof -top -focus 'runtime.gcBgMarkWorker$' \
		"$work/bench.test" "$work/cold.pprof" 2>/dev/null | grep '^Showing nodes'
	echo
	echo "The rest of (*Verifier).Verify, by cumulative time:"
	go tool pprof -top -cum -nodecount 30 -focus 'cognitotenant.\(\*Verifier\).Verify$' \
		-ignore 'rsa.VerifyPKCS1v15$' "$work/bench.test" "$work/cold.pprof" 2>/dev/null \
		| sed -n '/flat%/,$p'
} >results/cold-pprof.txt

./machine.sh "bench/run.sh (COUNT=$count BENCHTIME=$benchtime)" \
	"$load_before" "$load_after" >"$work/header.md"
go run ./cmd/perfdoc -section bench -doc ../docs/performance.md \
	-header "$work/header.md" <"$work/stat.csv"
echo "wrote docs/performance.md and bench/results/{verify,cold-pprof}.txt"
