-- Tenant registry, notes, their tags and the audit log. Times are integer
-- unix microseconds in UTC; every key and uniqueness starts with tenant_id.

-- +goose Up
CREATE TABLE tenants (
    id         TEXT    NOT NULL PRIMARY KEY,
    name       TEXT    NOT NULL,
    status     TEXT    NOT NULL DEFAULT 'active'
                       CHECK (status IN ('active', 'suspended')),
    created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE notes (
    tenant_id  TEXT    NOT NULL REFERENCES tenants (id),
    id         TEXT    NOT NULL,
    content    TEXT    NOT NULL,
    created_by TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    PRIMARY KEY (tenant_id, id)
) STRICT;

CREATE INDEX notes_tenant_created ON notes (tenant_id, created_at DESC, id DESC);

CREATE TABLE note_tags (
    tenant_id TEXT NOT NULL,
    note_id   TEXT NOT NULL,
    tag       TEXT NOT NULL,
    PRIMARY KEY (tenant_id, note_id, tag),
    FOREIGN KEY (tenant_id, note_id) REFERENCES notes (tenant_id, id)
        ON DELETE CASCADE
) STRICT;

CREATE TABLE audit_log (
    tenant_id  TEXT    NOT NULL REFERENCES tenants (id),
    id         TEXT    NOT NULL,
    actor_sub  TEXT    NOT NULL,
    actor_kind TEXT    NOT NULL CHECK (actor_kind IN ('tenant', 'platform')),
    action     TEXT    NOT NULL,
    object_id  TEXT    NOT NULL DEFAULT '',
    reason     TEXT    NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, id)
) STRICT;

CREATE INDEX audit_log_tenant_created ON audit_log (tenant_id, created_at DESC);

-- +goose Down
DROP TABLE audit_log;
DROP TABLE note_tags;
DROP TABLE notes;
DROP TABLE tenants;
