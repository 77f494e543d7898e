package conformance

import (
	"time"

	ct "github.com/cognitotenant/cognitotenant-go/cognitotenant"
	"github.com/cognitotenant/cognitotenant-go/cognitotenant/testutil"
)

// with and without shorten testutil's mutators in the case lists.
func with(name string, v any) testutil.ClaimsMutator { return testutil.With(name, v) }

func without(names ...string) testutil.ClaimsMutator { return testutil.Without(names...) }

// validCases are tokens both verifiers must accept: the shapes Cognito
// really issues, with and without the optional claims.
func (b *builder) validCases() {
	b.id("valid", "ID token as Cognito issues it, user in no group", accepted())
	b.access("valid", "access token as Cognito issues it, user in no group", accepted())
	b.id("second_client", "aud is the second allowed app client", accepted(),
		with("aud", SecondClientID))
	b.access("second_client", "client_id is the second allowed app client", accepted(),
		with("client_id", SecondClientID))

	grouped := b.user
	grouped.Groups = []string{"admins", "editors"}
	b.add(ConfigID, "groups_present", "cognito:groups lists two groups",
		accepted())(b.home.MintID(grouped))
	b.add(ConfigAccess, "groups_present", "cognito:groups lists two groups",
		accepted())(b.home.MintAccess(grouped))
	b.id("groups_empty", "cognito:groups is an empty list", accepted(),
		with("cognito:groups", []string{}))

	scoped := b.user
	scoped.Scopes = []string{"openid", "email", "aws.cognito.signin.user.admin"}
	b.add(ConfigAccess, "scopes_several", "scope holds three scopes",
		accepted())(b.home.MintAccess(scoped))
	scoped.Scopes = []string{"notes/read", "notes/write"}
	b.add(ConfigAccess, "scopes_resource_server", "scope holds custom resource-server scopes",
		accepted())(b.home.MintAccess(scoped))
	b.access("scope_absent", "no scope claim", accepted(), without("scope"))

	b.id("email_verified_string", `email_verified is the string "true"`, accepted(),
		with("email_verified", "true"))
	b.id("extra_claims", "identities, cognito:roles and another custom attribute",
		accepted(), with("custom:plan", "pro"),
		with("cognito:roles", []string{"arn:aws:iam::123456789012:role/notes"}),
		with("identities", []map[string]any{{"providerName": "Google"}}))
	b.add(ConfigID, "signed_with_access_key", "ID token signed by the access-token key",
		accepted())(b.home.SignWith(false, b.home.IDClaims(b.user)))
	b.add(ConfigID, "header_typ_jwt", `header carries "typ": "JWT"`,
		accepted())(b.home.SignPayload(true, b.payload(true), map[string]any{"typ": "JWT"}))
	b.add(ConfigID, "header_jku_ignored", "header points jku at a foreign key set",
		accepted())(b.home.SignPayload(true, b.payload(true),
		map[string]any{"jku": "https://keys.example.net/jwks.json"}))
}

// timeCases break exp, nbf and iat. Every offset is minutes or more, so
// the verdicts hold however long the two verifiers take to run.
func (b *builder) timeCases() {
	b.id("expired", "exp ten minutes ago", refused(AWSExpired, ct.ReasonExpired),
		b.expiry(-10*time.Minute))
	b.access("expired", "exp ten minutes ago", refused(AWSExpired, ct.ReasonExpired),
		b.expiry(-10*time.Minute))
	b.id("expired_long_ago", "exp thirty days ago", refused(AWSExpired, ct.ReasonExpired),
		b.expiry(-30*24*time.Hour))
	b.id("exp_zero", "exp is 0, the epoch", refused(AWSExpired, ct.ReasonExpired),
		with("exp", 0))
	b.id("exp_missing", "no exp claim", oursOnly(ct.ReasonExpired),
		without("exp"))
	b.access("exp_missing", "no exp claim", oursOnly(ct.ReasonExpired),
		without("exp"))
	b.id("exp_fractional", "exp has a fractional part", accepted(),
		with("exp", float64(b.at(lifetime))+0.5))
	b.id("exp_in_ten_years", "exp ten years away", accepted(),
		with("exp", b.at(10*365*24*time.Hour)))
	b.id("nbf_future", "nbf ten minutes ahead", refused(AWSNotBefore, ct.ReasonNotYetValid),
		with("nbf", b.at(10*time.Minute)))
	b.id("nbf_past", "nbf an hour ago", accepted(), with("nbf", b.at(-time.Hour)))
	b.id("iat_future", "iat ten minutes ahead, exp after it",
		oursOnly(ct.ReasonNotYetValid),
		with("iat", b.at(10*time.Minute)), with("exp", b.at(70*time.Minute)))
	b.access("iat_future", "iat ten minutes ahead, exp after it",
		oursOnly(ct.ReasonNotYetValid),
		with("iat", b.at(10*time.Minute)), with("exp", b.at(70*time.Minute)))
	b.id("iat_missing", "no iat claim", accepted(), without("iat"))
	b.id("auth_time_missing", "no auth_time claim", accepted(), without("auth_time"))
}

// claimTypeCases give registered claims the wrong JSON type.
func (b *builder) claimTypeCases() {
	malformed := refused(AWSParse, ct.ReasonMalformed)
	b.id("exp_string", "exp is a string of digits", malformed,
		with("exp", "4102444800"))
	// A null exp is an absent one to the verifier, so it is refused as
	// having no expiry; aws-jwt-verify refuses it as a type error.
	b.id("exp_null", "exp is null", refused(AWSParse, ct.ReasonExpired),
		with("exp", nil))
	b.id("iat_string", "iat is a string of digits", malformed,
		with("iat", "1700000000"))
	b.id("nbf_string", "nbf is a string of digits", malformed,
		with("nbf", "1700000000"))
	b.id("iss_number", "iss is a number", malformed, with("iss", 42))
	b.id("sub_number", "sub is a number", malformed, with("sub", 42))
	b.id("sub_missing", "no sub claim", oursOnly(ct.ReasonMalformed), without("sub"))
	b.id("jti_number", "jti is a number", malformed, with("jti", 42))
	b.id("aud_number", "aud is a number", malformed, with("aud", 42))
	b.id("aud_list_with_number", "aud is a list holding a number", malformed,
		with("aud", []any{ClientID, 42}))
	b.access("scope_number", "scope is a number", malformed, with("scope", 42))
	b.id("groups_string", "cognito:groups is a string, not a list",
		oursOnly(ct.ReasonMalformed), with("cognito:groups", "admins"))
	b.id("groups_with_number", "cognito:groups holds a number",
		oursOnly(ct.ReasonMalformed), with("cognito:groups", []any{"admins", 7}))
}

// tenantCases break custom:tenant_id, which aws-jwt-verify never reads.
// The ID configuration requires it; the access configuration does not,
// as Cognito copies it into access tokens only through a trigger.
func (b *builder) tenantCases() {
	tenant := oursOnly(ct.ReasonTenantMissing)
	b.id("tenant_missing", "no custom:tenant_id claim", tenant,
		without(testutil.TenantClaim))
	b.id("tenant_empty", "custom:tenant_id is the empty string", tenant,
		with(testutil.TenantClaim, ""))
	b.id("tenant_number", "custom:tenant_id is a number", tenant,
		with(testutil.TenantClaim, 42))
	b.id("tenant_list", "custom:tenant_id is a list of two tenants", tenant,
		with(testutil.TenantClaim, []string{"acme", "globex"}))
	b.access("tenant_from_trigger", "a trigger copied custom:tenant_id in", accepted(),
		with(testutil.TenantClaim, "acme"))
	b.access("tenant_number_from_trigger", "a trigger put custom:tenant_id in as a number",
		tenant, with(testutil.TenantClaim, 42))
}

// claimCaseCases spell a registered claim in another letter case. JSON
// keys are case-sensitive, so "Token_Use" is not token_use, however a
// decoder that folds case reads it.
func (b *builder) claimCaseCases() {
	b.id("token_use_other_case", `token_use only as "Token_Use"`,
		refused(AWSTokenUse, ct.ReasonTokenUse),
		without("token_use"), with("Token_Use", "id"))
	b.id("aud_other_case", `aud only as "AUD"`, refused(AWSClient, ct.ReasonClient),
		without("aud"), with("AUD", ClientID))
	b.id("iss_other_case", `iss only as "Iss"`, refused(AWSUnknownIssuer, ct.ReasonIssuer),
		without("iss"), with("Iss", b.home.IssuerURL()))
	b.access("client_id_other_case", `client_id only as "Client_ID"`,
		refused(AWSClient, ct.ReasonClient),
		without("client_id"), with("Client_ID", ClientID))
	b.id("exp_other_case", `exp only as "EXP", ten minutes ago`, oursOnly(ct.ReasonExpired),
		without("exp"), with("EXP", b.at(-10*time.Minute)))
}
