// Package bench measures what verifying a Cognito token costs with
// cognitotenant and with the Go libraries a service would otherwise use,
// on the same tokens and key set, against a floor of one bare RSA
// signature check.
//
// It is a module of its own so that none of the compared libraries enters
// cognitotenant's dependencies. Each peer is configured to make the checks
// cognitotenant makes (signature with RS256, issuer, app client, token
// use, expiry, tenant claim) wherever its API allows, and declares the
// checks it cannot make; TestPeersDecideAlike holds every peer to what it
// declares, so the benchmark compares equal work.
//
// run.sh runs the benchmarks and writes docs/performance.md; load.sh runs
// the load test of the example service.
package bench
