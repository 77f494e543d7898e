package cognitotenant

import (
	"bytes"
	"encoding/json"
	"unicode/utf8"
)

// The JSON decoder matches object keys to struct fields ignoring case for
// some struct layouts, and of duplicate keys the last wins. Where that
// matters (the tenant claim, the header's alg, kid and crit) the field is
// a memberValue, which counts the keys that filled it, and exactKey then
// insists on exactly one key, spelled exactly.

// memberValue records a JSON object member without failing the decode on
// a wrong type, so that the caller decides how to refuse one: a tenant
// claim of the wrong type is ErrTenantMissing, not ErrMalformed.
type memberValue struct {
	value     string
	calls     int
	set       bool
	isString  bool
	ambiguous bool
}

func (t *memberValue) UnmarshalJSON(b []byte) error {
	t.set = true
	t.calls++
	t.isString = false
	if len(b) < 2 || b[0] != '"' {
		return nil
	}
	inner := b[1 : len(b)-1]
	if bytes.IndexByte(inner, '\\') < 0 && utf8.Valid(inner) {
		t.value, t.isString = string(inner), true
		return nil
	}
	if err := json.Unmarshal(b, &t.value); err != nil {
		return nil
	}
	t.isString = true
	return nil
}

// exactKey reports whether v, decoded from doc, was filled by exactly one
// key, spelled as quoted (the name in quotes). The decoder calls
// UnmarshalJSON once per matching key, so a duplicate key or a second key
// differing only in case shows as a second call; a key present only in
// another case shows as no exact spelling in doc.
func exactKey(v *memberValue, doc, quoted []byte) bool {
	return v.calls == 1 && hasKey(doc, quoted)
}

// hasKey reports whether doc contains quoted (a name in quotes) as an
// object key: unescaped opening quote, and a colon after the closing one.
// It searches for the name and closing quote, then checks the rest:
// bytes.Index keyed on a leading '"' would stop at every string of doc.
//
// TODO(verifier): a key of a nested object counts too; neither Cognito's
// headers nor the tenant claim's neighbours nest one of these names.
func hasKey(doc, quoted []byte) bool {
	name := quoted[1:]
	for from := 1; from < len(doc); {
		i := bytes.Index(doc[from:], name)
		if i < 0 {
			return false
		}
		at := from + i
		if doc[at-1] == '"' && !escaped(doc, at-1) && colonNext(doc[at+len(name):]) {
			return true
		}
		from = at + 1
	}
	return false
}

// escaped reports whether the byte at i is escaped: preceded by an odd
// number of backslashes.
func escaped(doc []byte, i int) bool {
	n := 0
	for i--; i >= 0 && doc[i] == '\\'; i-- {
		n++
	}
	return n%2 == 1
}

// colonNext reports whether rest starts with a colon after JSON
// whitespace, which makes the string before it an object key.
func colonNext(rest []byte) bool {
	for _, c := range rest {
		switch c {
		case ' ', '\t', '\n', '\r':
		case ':':
			return true
		default:
			return false
		}
	}
	return false
}
