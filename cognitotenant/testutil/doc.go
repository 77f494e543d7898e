// Package testutil lets a service on Cognito test itself without AWS: it
// mints signed tokens shaped like Cognito's, serves their key set, and runs
// an in-process fake Cognito user pool that aws-sdk-go-v2 can talk to.
//
// Nothing in it is meant for production traffic.
package testutil
