// Package cognitotenant verifies Amazon Cognito user-pool tokens and hands
// back a typed identity: who the user is, which tenant they belong to and
// which groups they hold.
//
// A [Verifier] trusts a token only when a configured user pool signed it
// with RS256 for an allowed app client, for the configured token use, within
// its lifetime, and with a tenant claim. Refusals are *[VerifyError] values
// that match a sentinel with errors.Is, so an HTTP layer can answer 401 for
// a bad token and 503 when keys could not be had.
//
// Verified claims travel on a request's context: [NewContext] stores them
// and [FromContext] and [TenantFromContext] read them back.
package cognitotenant
