package conformance

import (
	ct "github.com/cognitotenant/cognitotenant-go/cognitotenant"
)

// issuerCases name a pool other than the configured one, or the right
// pool in a form that is not byte for byte its issuer.
func (b *builder) issuerCases() {
	foreign := refused(AWSUnknownIssuer, ct.ReasonIssuer)
	home := b.home.IssuerURL()
	b.id("iss_neighbour_pool", "iss names another pool, signed by the home key",
		foreign, with("iss", b.neighbour.IssuerURL()))
	b.add(ConfigID, "iss_neighbour_pool_own_key",
		"ID token of another pool, signed by that pool's key",
		foreign)(b.neighbour.MintID(b.user))
	b.add(ConfigAccess, "iss_neighbour_pool_own_key",
		"access token of another pool, signed by that pool's key",
		foreign)(b.neighbour.MintAccess(b.user))
	b.id("iss_other_region", "iss names the pool id under another region", foreign,
		with("iss", "https://cognito-idp.eu-west-1.amazonaws.com/"+HomePoolID))
	b.id("iss_trailing_slash", "iss is the pool issuer with a trailing slash", foreign,
		with("iss", home+"/"))
	b.id("iss_http", "iss uses http instead of https", foreign,
		with("iss", "http://cognito-idp.us-east-1.amazonaws.com/"+HomePoolID))
	b.id("iss_uppercase_host", "iss host in upper case", foreign,
		with("iss", "https://COGNITO-IDP.US-EAST-1.AMAZONAWS.COM/"+HomePoolID))
	b.id("iss_pool_id_lowercase", "iss names the pool id in lower case", foreign,
		with("iss", "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_confhome1"))
	b.id("iss_with_query", "iss is the pool issuer with a query string", foreign,
		with("iss", home+"?pool=1"))
	b.id("iss_missing", "no iss claim", foreign, without("iss"))
	b.id("iss_empty", "iss is the empty string", foreign, with("iss", ""))

	updated := "https://issuer-cognito-idp.us-east-1.amazonaws.com/" + HomePoolID
	b.id("iss_updated_form", "iss in Cognito's updated issuer form, not configured",
		oursOnly(ct.ReasonIssuer), with("iss", updated))
	b.access("iss_updated_form", "iss in Cognito's updated issuer form, not configured",
		oursOnly(ct.ReasonIssuer), with("iss", updated))
}

// clientCases put the wrong app client in aud or client_id, or the right
// one in the claim the token kind does not use.
func (b *builder) clientCases() {
	client := refused(AWSClient, ct.ReasonClient)
	b.id("aud_other_client", "aud is an app client not allowed", client,
		with("aud", OtherClientID))
	b.id("aud_missing", "no aud claim", client, without("aud"))
	b.id("aud_empty", "aud is the empty string", client, with("aud", ""))
	b.id("aud_list_with_client", "aud is a list holding the allowed client",
		refused(AWSClient, ct.ReasonMalformed),
		with("aud", []string{ClientID}))
	b.id("aud_in_client_id", "client_id names the client, aud missing", client,
		without("aud"), with("client_id", ClientID))
	b.id("client_id_ignored", "aud right, client_id names another client", accepted(),
		with("client_id", OtherClientID))
	b.access("client_id_other_client", "client_id is an app client not allowed", client,
		with("client_id", OtherClientID))
	b.access("client_id_missing", "no client_id claim", client, without("client_id"))
	b.access("client_id_number", "client_id is a number",
		refused(AWSClient, ct.ReasonMalformed), with("client_id", 42))
	b.access("client_id_in_aud", "aud names the client, client_id missing", client,
		without("client_id"), with("aud", ClientID))
	b.access("aud_ignored", "client_id right, aud names another client", accepted(),
		with("aud", OtherClientID))
}

// tokenUseCases present the other kind of token, or no kind at all.
func (b *builder) tokenUseCases() {
	use := refused(AWSTokenUse, ct.ReasonTokenUse)
	b.add(ConfigID, "access_token_presented", "an access token where ID tokens are expected",
		use)(b.home.MintAccess(b.user))
	b.add(ConfigAccess, "id_token_presented", "an ID token where access tokens are expected",
		use)(b.home.MintID(b.user))
	b.id("access_token_use_with_aud", "ID claims with token_use access", use,
		with("token_use", "access"))
	b.id("token_use_missing", "no token_use claim", use, without("token_use"))
	b.access("token_use_missing", "no token_use claim", use, without("token_use"))
	b.id("token_use_refresh", `token_use is "refresh"`, use, with("token_use", "refresh"))
	b.id("token_use_uppercase", `token_use is "ID"`, use, with("token_use", "ID"))
	// cognitotenant reads claims by type before judging their values.
	typed := refused(AWSTokenUse, ct.ReasonMalformed)
	b.id("token_use_number", "token_use is a number", typed, with("token_use", 1))
	b.id("token_use_list", `token_use is the list ["id"]`, typed,
		with("token_use", []string{"id"}))
}
