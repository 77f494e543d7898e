// Package apidocs holds the notes service's OpenAPI 3 documents and serves
// them, with Swagger UI, from files embedded in the binary: no request
// leaves the service to render the documentation.
//
// There are two documents, one per listener: Public describes the API users
// call with Cognito tokens, Internal the cross-tenant platform API behind
// INTERNAL_API_TOKEN. Each listener serves its own, so the public one never
// advertises the internal surface.
package apidocs
