package store

// PostgreSQL statements. Row-level security already limits every tenant
// table to the tenant set in the transaction; the tenant_id predicates are
// kept anyway, so that either layer alone keeps tenants apart and the
// indexes on (tenant_id, ...) are used. TestSQLTenantPredicates checks them.
const (
	// pgSetTenant is the first statement of every tenant transaction. The
	// third argument, true, makes the setting end with the transaction, so
	// a pooled connection never carries a tenant into its next use.
	pgSetTenant = `SELECT set_config('app.tenant_id', $1, true)`

	pgInsertNote = `INSERT INTO notes
	(tenant_id, id, content, created_by, created_at, updated_at, version)
	VALUES ($1, $2, $3, $4, $5, $5, 1)`

	pgGetNote = `SELECT id, content, created_by, created_at, updated_at, version
	FROM notes WHERE tenant_id = $1 AND id = $2`

	pgListNotes = `SELECT id, content, created_by, created_at, updated_at, version
	FROM notes WHERE tenant_id = $1
	ORDER BY created_at DESC, id DESC LIMIT $2`

	pgListNotesAfter = `SELECT id, content, created_by, created_at, updated_at, version
	FROM notes WHERE tenant_id = $1
	AND (created_at, id) < ($2::timestamptz, $3::uuid)
	ORDER BY created_at DESC, id DESC LIMIT $4`

	pgUpdateNote = `UPDATE notes
	SET content = $3, updated_at = $4, version = version + 1
	WHERE tenant_id = $1 AND id = $2 AND ($5 = 0 OR version = $5)
	RETURNING id, content, created_by, created_at, updated_at, version`

	pgNoteExists = `SELECT 1 FROM notes WHERE tenant_id = $1 AND id = $2`

	pgDeleteNote = `DELETE FROM notes WHERE tenant_id = $1 AND id = $2`

	pgInsertTag = `INSERT INTO note_tags (tenant_id, note_id, tag)
	VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`

	pgNoteTags = `SELECT tag FROM note_tags
	WHERE tenant_id = $1 AND note_id = $2 ORDER BY tag`

	pgInsertAudit = `INSERT INTO audit_log
	(tenant_id, id, actor_sub, actor_kind, action, object_id, reason, created_at)
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`

	pgListAudit = `SELECT actor_sub, actor_kind, action, object_id, reason, created_at
	FROM audit_log WHERE tenant_id = $1
	ORDER BY created_at DESC, id DESC LIMIT $2`

	// The app role cannot write the registry; register_tenant, owned by the
	// owner role, is its one narrow way in.
	pgRegisterTenant = `SELECT register_tenant($1, $2)`

	pgGetTenant = `SELECT name, status, created_at FROM tenants WHERE id = $1`
)
