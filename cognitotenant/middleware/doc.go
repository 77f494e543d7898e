// Package middleware authenticates net/http requests with Cognito tokens
// and puts the verified claims on the request context.
package middleware
