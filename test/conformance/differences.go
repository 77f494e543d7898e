package conformance

// Difference is a corpus case on which cognitotenant deliberately parts
// from aws-jwt-verify, and why.
type Difference struct {
	// Case is the corpus case name.
	Case string
	// Why says what cognitotenant protects against by answering otherwise.
	Why string
}

// IntendedDifferences returns the cases on which cognitotenant's verdict
// is meant to differ from aws-jwt-verify's, each with its reason. In every
// one cognitotenant is the stricter. The slice is fresh on each call.
func IntendedDifferences() []Difference {
	const (
		noExp = "a token without exp would be valid forever; cognitotenant " +
			"requires exp, aws-jwt-verify checks it only when present"
		futureIat = "an iat ahead of the clock beyond the leeway means a " +
			"forged token or a broken issuer clock; aws-jwt-verify never reads iat"
		updatedIssuer = "aws-jwt-verify 5.2 trusts both of Cognito's issuer " +
			"forms for every pool; cognitotenant trusts only the issuers " +
			"configured, as the updated form's key set exists only for " +
			"pools that chose it"
		noSub = "sub is the user's stable id and becomes Claims.Subject; a " +
			"token without it names no one"
		groups = "cognito:groups is a list of strings in every Cognito token " +
			"and RBAC decides on it: any other shape is refused, not guessed at; " +
			"aws-jwt-verify reads groups only when asked to require one"
		tenant = "one token, one tenant: the tenant claim, when required or " +
			"present, must be a non-empty string, never coerced; " +
			"aws-jwt-verify has no notion of tenant"
		crit = "RFC 7515 section 4.1.11: a crit extension the verifier does " +
			"not understand must refuse the token; aws-jwt-verify ignores crit"
		critSpelled = "a crit key in any letter case, or an empty crit list " +
			"(RFC 7515 section 4.1.11 forbids one), is refused, not guessed at; " +
			"aws-jwt-verify ignores crit"
		keyCase = "header keys are case-sensitive, but case-folding decoders " +
			"read ALG or Kid as alg or kid; a header spelling one both ways " +
			"means two things, and aws-jwt-verify reads only the exact key"
		duplicate = "RFC 7515 section 4: header names must be unique; " +
			"parsers differ on which copy counts, so cognitotenant refuses " +
			"the header, aws-jwt-verify's JSON.parse keeps the last"
		padding = "RFC 7515 base64url carries no padding; aws-jwt-verify's " +
			"decoder drops it, cognitotenant refuses the token as malformed"
	)
	return []Difference{
		{"id/exp_missing", noExp},
		{"id/exp_other_case", noExp},
		{"access/exp_missing", noExp},
		{"id/iat_future", futureIat},
		{"access/iat_future", futureIat},
		{"id/iss_updated_form", updatedIssuer},
		{"access/iss_updated_form", updatedIssuer},
		{"id/signature_padded", padding},
		{"id/header_crit_unknown", crit},
		{"id/header_alg_shadow_upper_case", keyCase},
		{"id/header_kid_shadow_title_case", keyCase},
		{"id/header_alg_twice_same", duplicate},
		{"id/header_alg_twice_none_first", duplicate},
		{"id/header_kid_twice_same", duplicate},
		{"id/header_kid_twice_unknown_first", duplicate},
		{"id/header_crit_upper_case", critSpelled},
		{"id/header_crit_title_case", critSpelled},
		{"id/header_crit_empty", critSpelled},
		{"id/sub_missing", noSub},
		{"id/groups_string", groups},
		{"id/groups_with_number", groups},
		{"id/tenant_missing", tenant},
		{"id/tenant_empty", tenant},
		{"id/tenant_number", tenant},
		{"id/tenant_list", tenant},
		{"access/tenant_number_from_trigger", tenant},
	}
}
