package apidocs

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

var (
	//go:embed openapi.json
	publicJSON []byte
	//go:embed internal.json
	internalJSON []byte
)

// Document is one embedded OpenAPI 3 document. Its value is immutable and
// safe for concurrent use.
type Document struct {
	name string
	raw  []byte
}

// Public returns the document of the public API, the one behind Cognito
// tokens.
func Public() Document { return Document{name: "public", raw: publicJSON} }

// Internal returns the document of the internal API on its own listener.
func Internal() Document { return Document{name: "internal", raw: internalJSON} }

// Name returns "public" or "internal".
func (d Document) Name() string { return d.name }

// JSON returns a copy of the document's bytes.
func (d Document) JSON() []byte { return bytes.Clone(d.raw) }

// Operation is one method on one path of a document.
type Operation struct {
	// Method is upper-case, as net/http spells it.
	Method string
	// Path is the OpenAPI path template, such as /api/v1/notes/{id}; its
	// {name} segments are also net/http ServeMux wildcards.
	Path string
	// ID is the operationId.
	ID   string
	Tags []string
	// Public is true when the operation needs no credential: its security
	// requirement, or the document's, is empty.
	Public bool
}

// Pattern returns the operation as a net/http ServeMux pattern, such as
// "GET /api/v1/notes/{id}", for comparing with the routes a mux serves.
func (o Operation) Pattern() string { return o.Method + " " + o.Path }

// methods are the operation keys of an OpenAPI path item.
var methods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}

// Operations lists the document's operations sorted by path, then method.
// It fails only if the embedded document is not valid JSON of the expected
// shape, which the package's tests rule out.
func (d Document) Operations() ([]Operation, error) {
	type opJSON struct {
		OperationID string             `json:"operationId"`
		Tags        []string           `json:"tags"`
		Security    *[]json.RawMessage `json:"security"`
	}
	var doc struct {
		Security []json.RawMessage                     `json:"security"`
		Paths    map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(d.raw, &doc); err != nil {
		return nil, fmt.Errorf("apidocs: parse %s document: %w", d.name, err)
	}

	var ops []Operation
	for path, item := range doc.Paths {
		for key, raw := range item {
			if !slices.Contains(methods, key) {
				continue // parameters, summary, servers: not operations
			}
			var o opJSON
			if err := json.Unmarshal(raw, &o); err != nil {
				return nil, fmt.Errorf("apidocs: parse %s %s: %w", key, path, err)
			}
			security := doc.Security
			if o.Security != nil {
				security = *o.Security
			}
			ops = append(ops, Operation{
				Method: strings.ToUpper(key), Path: path, ID: o.OperationID,
				Tags: o.Tags, Public: len(security) == 0,
			})
		}
	}
	slices.SortFunc(ops, func(a, b Operation) int {
		if c := strings.Compare(a.Path, b.Path); c != 0 {
			return c
		}
		return strings.Compare(a.Method, b.Method)
	})
	return ops, nil
}
