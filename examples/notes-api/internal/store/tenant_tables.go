package store

// tenantTables are the tables whose rows belong to one tenant: each has a
// tenant_id column, a primary key starting with it and, on PostgreSQL, a
// forced row-level security policy. The registry table "tenants" is global
// and not among them.
var tenantTables = []string{"notes", "note_tags", "audit_log"}
