package cognitotenant

import (
	"errors"
	"math"
	"reflect"
	"strings"
	"sync"
	"time"
	"unsafe"
)

// payloadClaims is the typed view of the claims a Cognito token carries.
// Decoding into a struct, rather than a map, keeps the cold path within a
// few allocations. A claim of the wrong JSON type fails the decode, which
// refuses the token as malformed instead of coercing the value.
type payloadClaims struct {
	Sub             string      `json:"sub"`
	Iss             string      `json:"iss"`
	TokenUse        string      `json:"token_use"`
	Aud             string      `json:"aud"`
	ClientID        string      `json:"client_id"`
	CognitoUsername string      `json:"cognito:username"`
	Username        string      `json:"username"`
	Email           string      `json:"email"`
	EmailVerified   flexBool    `json:"email_verified"`
	Groups          []string    `json:"cognito:groups"`
	Scope           string      `json:"scope"`
	PreferredRole   string      `json:"cognito:preferred_role"`
	JTI             string      `json:"jti"`
	OriginJTI       string      `json:"origin_jti"`
	Exp             numericDate `json:"exp"`
	Nbf             numericDate `json:"nbf"`
	Iat             numericDate `json:"iat"`
	AuthTime        numericDate `json:"auth_time"`
}

// payloadDecoder decodes payloads into payloadClaims plus the tenant claim,
// whose name is configuration. It builds, once, a struct type embedding
// payloadClaims with a field tagged with that name, so one pass of
// encoding/json fills both.
type payloadDecoder struct {
	typ        reflect.Type
	tenantOff  uintptr
	tenantName string
	// quoted is the claim name as a JSON key, for the check in decode.
	quoted []byte
	// scratch holds zeroed values of typ for reuse. A decoded payload
	// lives only until its Claims are built, which copy what they keep,
	// so a cold verify need not allocate one.
	scratch sync.Pool
}

func newPayloadDecoder(tenantClaim string) (*payloadDecoder, error) {
	if err := checkClaimName(tenantClaim); err != nil {
		return nil, err
	}
	typ := reflect.StructOf([]reflect.StructField{
		{Name: "Std", Type: reflect.TypeFor[payloadClaims](), Anonymous: true},
		{
			Name: "Tenant",
			Type: reflect.TypeFor[memberValue](),
			Tag:  reflect.StructTag(`json:"` + tenantClaim + `"`),
		},
	})
	return &payloadDecoder{
		typ:        typ,
		tenantOff:  typ.Field(1).Offset,
		tenantName: tenantClaim,
		quoted:     []byte(`"` + tenantClaim + `"`),
	}, nil
}

// checkClaimName refuses names encoding/json would not take as a tag
// name; it would then silently match the field name "Tenant" instead.
func checkClaimName(name string) error {
	if name == "" || len(name) > 128 {
		return configErr("TenantClaim must be 1 to 128 characters")
	}
	for _, r := range name {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' ||
			strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~", r)
		if !ok {
			return configErr("TenantClaim %q has a character not allowed", name)
		}
	}
	for _, f := range reflect.VisibleFields(reflect.TypeFor[payloadClaims]()) {
		if strings.EqualFold(f.Tag.Get("json"), name) {
			return configErr("TenantClaim %q is a standard claim", name)
		}
	}
	return nil
}

// decode parses a payload. It returns ErrMalformed for JSON that is not an
// object of well-typed claims. The caller hands p back to release once it
// no longer reads p or t, error or not; strings and slices taken from them
// stay valid.
func (d *payloadDecoder) decode(payload []byte) (p *payloadClaims, t *memberValue,
	err error) {
	v := d.scratch.Get()
	if v == nil {
		v = reflect.New(d.typ).Interface()
	}
	base := reflect.ValueOf(v).UnsafePointer()
	p = (*payloadClaims)(base)
	t = (*memberValue)(unsafe.Add(base, d.tenantOff))
	absent := numericDate(math.NaN())
	p.Exp, p.Nbf, p.Iat, p.AuthTime = absent, absent, absent, absent
	if err := decodeJSON(payload, v); err != nil {
		return p, nil, refuse(ErrMalformed, "claims: %w", err)
	}
	// Keys match case-insensitively and of duplicate keys the last wins,
	// so a user-writable attribute named like the tenant claim in another
	// case could set the tenant. Such a token has no single tenant.
	if t.set && d.ambiguous(t, payload) {
		t.ambiguous = true
	}
	return p, t, nil
}

// release zeroes p, from decode, and keeps it for reuse. Zeroing matters:
// the decoder would append to a Groups slice left in place, which the
// Claims of an earlier token share.
func (d *payloadDecoder) release(p *payloadClaims) {
	ptr := reflect.NewAt(d.typ, unsafe.Pointer(p))
	ptr.Elem().SetZero()
	d.scratch.Put(ptr.Interface())
}

// ambiguous reports whether the tenant field was filled other than by
// exactly one key spelled exactly as configured (see exactKey).
func (d *payloadDecoder) ambiguous(t *memberValue, payload []byte) bool {
	return !exactKey(t, payload, d.quoted)
}

// numericDate is a NumericDate claim (RFC 7519 §2): a JSON number of
// seconds. It is a plain float so the decoder fills it natively, which a
// custom unmarshaler would make several times slower; decode presets NaN,
// which JSON cannot express, to tell an absent claim from a present one.
// A JSON null leaves it absent; a string, boolean or out-of-range number
// fails the decode.
type numericDate float64

func (n numericDate) set() bool { return !math.IsNaN(float64(n)) }

// time converts n, clamping values far outside any token's lifetime so
// that they cannot overflow.
func (n numericDate) time() time.Time {
	const bound = 1 << 40 // about 35,000 years of seconds
	s := max(min(float64(n), bound), -bound)
	whole, frac := math.Modf(s)
	return time.Unix(int64(whole), int64(frac*1e9))
}

// flexBool is a boolean claim that Cognito sometimes sends as the string
// "true" or "false".
type flexBool bool

func (f *flexBool) UnmarshalJSON(b []byte) error {
	switch string(b) {
	case "true", `"true"`:
		*f = true
	case "false", `"false"`, "null":
		*f = false
	default:
		return errors.New("boolean claim is neither a boolean nor its string form")
	}
	return nil
}
