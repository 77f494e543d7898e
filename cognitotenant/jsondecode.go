package cognitotenant

import (
	"errors"
	"fmt"

	gojson "github.com/goccy/go-json"
)

// decodeJSON unmarshals a token's header or payload into v.
//
// It uses goccy/go-json, a drop-in for encoding/json with the same
// semantics (struct tags, Unmarshaler, case-insensitive keys), because on
// a Cognito payload encoding/json alone costs a fifth of the RSA verify
// the whole cold path may exceed by only 15 %; go-json takes about a
// fifth of that. The input is unverified, so a panic in the parser is
// turned into a malformed-token error rather than trusted not to happen.
//
// TODO(verifier): move to encoding/json/v2 once it is out of GOEXPERIMENT:
// it matches names case-sensitively and refuses duplicate keys, which
// go-json does not promise for every struct layout (the tenant claim and
// the header's alg, kid and crit are guarded against both with exactKey;
// TestVerifyClaimNamesAreCaseSensitive pins the other claims' behaviour).
func decodeJSON(data []byte, v any) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = errors.New("invalid JSON")
		}
	}()
	if err := gojson.Unmarshal(data, v); err != nil {
		return jsonCause(err)
	}
	return nil
}

// jsonCause keeps the JSON error kind without echoing token content.
func jsonCause(err error) error {
	var te *gojson.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Errorf("claim %q has JSON type %s", te.Field, te.Value)
	}
	var se *gojson.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("invalid JSON at offset %d", se.Offset)
	}
	return errors.New("invalid JSON")
}
