-- Tenant registry, notes, their tags and the audit log, with row-level
-- security on every table that carries tenant_id. Run as the owner role;
-- MigratePostgres grants the app role its privileges afterwards.

-- +goose Up
CREATE TABLE tenants (
    id         text        NOT NULL PRIMARY KEY
                           CHECK (id ~ '^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$'),
    name       text        NOT NULL,
    status     text        NOT NULL DEFAULT 'active'
                           CHECK (status IN ('active', 'suspended')),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE notes (
    tenant_id  text        NOT NULL REFERENCES tenants (id),
    id         uuid        NOT NULL,
    content    text        NOT NULL,
    created_by text        NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    version    bigint      NOT NULL DEFAULT 1 CHECK (version >= 1),
    PRIMARY KEY (tenant_id, id)
);

CREATE INDEX notes_tenant_created ON notes (tenant_id, created_at DESC, id DESC);

CREATE TABLE note_tags (
    tenant_id text NOT NULL,
    note_id   uuid NOT NULL,
    tag       text NOT NULL,
    PRIMARY KEY (tenant_id, note_id, tag),
    FOREIGN KEY (tenant_id, note_id) REFERENCES notes (tenant_id, id)
        ON DELETE CASCADE
);

CREATE TABLE audit_log (
    tenant_id  text        NOT NULL REFERENCES tenants (id),
    id         uuid        NOT NULL,
    actor_sub  text        NOT NULL,
    actor_kind text        NOT NULL CHECK (actor_kind IN ('tenant', 'platform')),
    action     text        NOT NULL,
    object_id  text        NOT NULL DEFAULT '',
    reason     text        NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id)
);

CREATE INDEX audit_log_tenant_created ON audit_log (tenant_id, created_at DESC);

-- One fail-closed policy per tenant table: the same single comparison for
-- reads and writes. After a transaction the setting reads '' rather than
-- NULL, and nullif turns both into NULL, which matches no row.
ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
ALTER TABLE notes FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON notes FOR ALL
    USING (tenant_id = nullif(current_setting('app.tenant_id', true), ''))
    WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), ''));

ALTER TABLE note_tags ENABLE ROW LEVEL SECURITY;
ALTER TABLE note_tags FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON note_tags FOR ALL
    USING (tenant_id = nullif(current_setting('app.tenant_id', true), ''))
    WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), ''));

ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_log FOR ALL
    USING (tenant_id = nullif(current_setting('app.tenant_id', true), ''))
    WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), ''));

-- The app role may read the registry but not write it; this function is its
-- one narrow way to add a tenant, and it can neither rename nor reactivate
-- one. It runs as the owner, so its search_path is pinned and names are
-- qualified.
-- +goose StatementBegin
CREATE FUNCTION register_tenant(p_id text, p_name text) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
    INSERT INTO public.tenants (id, name) VALUES (p_id, p_name)
    ON CONFLICT (id) DO NOTHING;
$$;
-- +goose StatementEnd
REVOKE ALL ON FUNCTION register_tenant(text, text) FROM PUBLIC;

-- +goose Down
DROP FUNCTION register_tenant(text, text);
DROP TABLE audit_log;
DROP TABLE note_tags;
DROP TABLE notes;
DROP TABLE tenants;
