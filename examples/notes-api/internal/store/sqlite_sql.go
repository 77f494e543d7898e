package store

// SQLite statements. SQLite has no row-level security, so the tenant_id
// predicate bound from the TenantID argument is the only thing keeping
// tenants apart; TestSQLTenantPredicates fails when a statement on a tenant
// table lacks it. Keep every statement a constant here.
const (
	sqliteInsertNote = `INSERT INTO notes
	(tenant_id, id, content, created_by, created_at, updated_at, version)
	VALUES (?, ?, ?, ?, ?, ?, 1)`

	sqliteGetNote = `SELECT id, content, created_by, created_at, updated_at, version
	FROM notes WHERE tenant_id = ? AND id = ?`

	sqliteListNotes = `SELECT id, content, created_by, created_at, updated_at, version
	FROM notes WHERE tenant_id = ?
	ORDER BY created_at DESC, id DESC LIMIT ?`

	sqliteListNotesAfter = `SELECT id, content, created_by, created_at, updated_at, version
	FROM notes WHERE tenant_id = ?
	AND (created_at < ? OR (created_at = ? AND id < ?))
	ORDER BY created_at DESC, id DESC LIMIT ?`

	sqliteUpdateNote = `UPDATE notes
	SET content = ?, updated_at = ?, version = version + 1
	WHERE tenant_id = ? AND id = ? AND (? = 0 OR version = ?)
	RETURNING id, content, created_by, created_at, updated_at, version`

	sqliteNoteExists = `SELECT 1 FROM notes WHERE tenant_id = ? AND id = ?`

	sqliteDeleteNote = `DELETE FROM notes WHERE tenant_id = ? AND id = ?`

	sqliteInsertTag = `INSERT INTO note_tags (tenant_id, note_id, tag)
	VALUES (?, ?, ?) ON CONFLICT DO NOTHING`

	sqliteNoteTags = `SELECT tag FROM note_tags
	WHERE tenant_id = ? AND note_id = ? ORDER BY tag`

	sqliteInsertAudit = `INSERT INTO audit_log
	(tenant_id, id, actor_sub, actor_kind, action, object_id, reason, created_at)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?)`

	sqliteListAudit = `SELECT actor_sub, actor_kind, action, object_id, reason, created_at
	FROM audit_log WHERE tenant_id = ?
	ORDER BY created_at DESC, id DESC LIMIT ?`

	// The registry is platform-wide and keyed by the tenant id itself.
	sqliteInsertTenant = `INSERT INTO tenants (id, name, created_at)
	VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING`

	sqliteGetTenant = `SELECT name, status, created_at FROM tenants WHERE id = ?`
)
