// Package rbac decides what a Cognito user may do in their tenant, from the
// groups in their verified token, with decisions that explain themselves.
package rbac
