// Package rbac decides what a Cognito user may do in their tenant, from the
// groups in their verified token, with decisions that explain themselves.
//
// Cognito groups are pool-wide, so a role means something only together
// with the token's tenant. A [Policy] maps groups to tenant roles, roles to
// permissions through an inheritance hierarchy, and answers one question:
// may this [Principal] use this [Permission] in this tenant.
//
// [Default] serves a CRUD service: groups VIEWER, EDITOR and ADMIN confer
// [RoleViewer] (read), [RoleEditor] (also create and update) and
// [RoleAdmin] (also delete and manage users); group PLATFORM_ADMIN confers
// [RolePlatformAdmin], which no tenant role implies. [New] builds a policy
// of your own from a [Config] and rejects cycles, undeclared names,
// duplicates and conflicting group mappings at start-up.
//
// Rules every decision follows:
//   - Deny by default: no principal, no tenant, no known role or an
//     undeclared permission is a denial.
//   - Permissions are the union over all of the caller's groups; group
//     order and Cognito precedence never matter.
//   - Groups the policy does not map, such as the group Cognito adds for a
//     federated provider, are ignored and reported by
//     [Decision.IgnoredGroups]; strict mode denies instead, except for
//     federated auto-groups.
//   - A resource of another tenant is denied with tenant_mismatch, answered
//     as 404; only the platform role reaches across tenants, and such a
//     decision is marked [Decision.CrossTenant].
//
// A [Decision] carries a stable [Reason], the role, group and inheritance
// path that allowed it, and the tenant: log it whole on the server, and
// show clients at most its Reason and Missing fields, only with a 403. A Policy is immutable
// and safe for concurrent use, and deciding does not allocate.
package rbac
