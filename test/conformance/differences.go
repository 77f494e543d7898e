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
		padding = "RFC 7515 base64url carries no padding; aws-jwt-verify's " +
			"decoder drops it, cognitotenant refuses the token as malformed"
	)
	return []Difference{
		{"id/exp_missing", noExp},
		{"access/exp_missing", noExp},
		{"id/iat_future", futureIat},
		{"access/iat_future", futureIat},
		{"id/iss_updated_form", updatedIssuer},
		{"access/iss_updated_form", updatedIssuer},
		{"id/signature_padded", padding},
	}
}
