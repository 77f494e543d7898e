package conformance

import (
	ct "github.com/cognitotenant/cognitotenant-go/cognitotenant"
)

// lineBreakCases put a line break inside one base64url segment of a
// genuine token. Base64 decoders that skip line breaks read the same
// bytes, so a lenient verifier would see a second spelling of a valid
// token; aws-jwt-verify's shape check refuses it before decoding.
func (b *builder) lineBreakCases() {
	malformed := refused(AWSParse, ct.ReasonMalformed)
	tok, err := b.home.MintID(b.user)
	b.keep(err)
	if b.err != nil {
		return
	}
	h, p, sig := split(tok)
	for _, br := range []struct{ name, text, about string }{
		{"lf", "\n", `"\n"`},
		{"crlf", "\r\n", `"\r\n"`},
	} {
		b.add(ConfigID, "signature_line_break_"+br.name,
			br.about+" inside the signature segment",
			malformed)(h+"."+p+"."+breakAt(sig, br.text), nil)
		b.add(ConfigID, "header_line_break_"+br.name,
			br.about+" inside the header segment",
			malformed)(breakAt(h, br.text)+"."+p+"."+sig, nil)
		b.add(ConfigID, "payload_line_break_"+br.name,
			br.about+" inside the payload segment",
			malformed)(h+"."+breakAt(p, br.text)+"."+sig, nil)
	}
}

// headerSpellingCases sign headers, byte for byte, whose alg, kid or crit
// is spelled in another letter case or given twice. The signature is
// genuine, so only the header's spelling is wrong.
func (b *builder) headerSpellingCases() {
	kid := b.home.IDKeyID()
	body := b.payload(true)
	k := `"` + kid + `"`
	header := func(name, about string, want verdicts, raw string) {
		b.add(ConfigID, name, about, want)(b.home.SignHeader(true, "RS256",
			[]byte(raw), body))
	}

	header("header_exact_spelling", "header signed byte for byte, keys spelled exactly",
		accepted(), `{"alg":"RS256","kid":`+k+`}`)
	header("header_alg_upper_case", `"ALG" for alg`,
		refused(AWSAlgorithm, ct.ReasonMalformed), `{"ALG":"RS256","kid":`+k+`}`)
	header("header_kid_title_case", `"Kid" for kid`,
		refused(AWSNoKid, ct.ReasonMalformed), `{"alg":"RS256","Kid":`+k+`}`)
	header("header_alg_shadow_upper_case", `alg, then "ALG" saying "none"`,
		oursOnly(ct.ReasonMalformed), `{"alg":"RS256","ALG":"none","kid":`+k+`}`)
	header("header_kid_shadow_title_case", `kid, then "Kid" naming no key`,
		oursOnly(ct.ReasonMalformed), `{"alg":"RS256","kid":`+k+`,"Kid":"no-such-key"}`)

	header("header_alg_twice_same", `alg twice, "RS256" both times`,
		oursOnly(ct.ReasonMalformed), `{"alg":"RS256","alg":"RS256","kid":`+k+`}`)
	header("header_alg_twice_none_first", `alg twice: "none", then "RS256"`,
		oursOnly(ct.ReasonMalformed), `{"alg":"none","alg":"RS256","kid":`+k+`}`)
	header("header_alg_twice_none_last", `alg twice: "RS256", then "none"`,
		refused(AWSAlgorithm, ct.ReasonMalformed), `{"alg":"RS256","alg":"none","kid":`+k+`}`)
	header("header_kid_twice_same", "kid twice, the same both times",
		oursOnly(ct.ReasonMalformed), `{"alg":"RS256","kid":`+k+`,"kid":`+k+`}`)
	header("header_kid_twice_unknown_first", "kid twice: an unknown kid, then ours",
		oursOnly(ct.ReasonMalformed), `{"alg":"RS256","kid":"no-such-key","kid":`+k+`}`)
	header("header_kid_twice_unknown_last", "kid twice: ours, then an unknown kid",
		refused(AWSUnknownKid, ct.ReasonMalformed),
		`{"alg":"RS256","kid":`+k+`,"kid":"no-such-key"}`)

	header("header_crit_upper_case", `"CRIT" names an extension no one knows`,
		oursOnly(ct.ReasonMalformed),
		`{"alg":"RS256","kid":`+k+`,"CRIT":["x-tenant"],"x-tenant":"acme"}`)
	header("header_crit_title_case", `"Crit" names an extension no one knows`,
		oursOnly(ct.ReasonMalformed),
		`{"alg":"RS256","kid":`+k+`,"Crit":["x-tenant"],"x-tenant":"acme"}`)
	header("header_crit_empty", "crit is an empty list",
		oursOnly(ct.ReasonMalformed), `{"alg":"RS256","kid":`+k+`,"crit":[]}`)
}

// breakAt inserts br in the middle of a segment.
func breakAt(seg, br string) string {
	i := len(seg) / 2
	return seg[:i] + br + seg[i:]
}
