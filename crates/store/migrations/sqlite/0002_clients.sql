-- Clients, their tags, comments and files. postgres/0002_clients.sql is the twin; the one
-- difference is how substring search is indexed (see client_search below).

CREATE TABLE client_tags (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    location_id BIGINT NOT NULL REFERENCES locations (id),
    title TEXT NOT NULL,
    color TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    deleted_at BIGINT
);
CREATE INDEX client_tags_location ON client_tags (location_id);

CREATE TABLE clients (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    location_id BIGINT NOT NULL REFERENCES locations (id),
    name TEXT NOT NULL,
    surname TEXT NOT NULL DEFAULT '',
    middle_name TEXT NOT NULL DEFAULT '',
    -- digits only; '' when unknown
    phone TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    gender_id BIGINT NOT NULL DEFAULT 0,
    importance_id BIGINT NOT NULL DEFAULT 0,
    -- hundredths of a percent
    discount BIGINT NOT NULL DEFAULT 0,
    card TEXT NOT NULL DEFAULT '',
    -- YYYY-MM-DD
    birth_date TEXT,
    comment TEXT NOT NULL DEFAULT '',
    -- money in hundredths
    spent BIGINT NOT NULL DEFAULT 0,
    balance BIGINT NOT NULL DEFAULT 0,
    sms_check BOOLEAN NOT NULL DEFAULT FALSE,
    sms_not BOOLEAN NOT NULL DEFAULT FALSE,
    visits BIGINT NOT NULL DEFAULT 0,
    first_visit_at BIGINT,
    last_visit_at BIGINT,
    -- JSON object of api-key → value
    custom_fields TEXT NOT NULL DEFAULT '{}',
    -- lower-case name, surname, middle name, phone digits, e-mail and card: what substring search reads
    search_text TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    deleted_at BIGINT
);
CREATE INDEX clients_location ON clients (location_id, id);
CREATE INDEX clients_location_changed ON clients (location_id, updated_at);
CREATE UNIQUE INDEX clients_location_phone ON clients (location_id, phone) WHERE deleted_at IS NULL AND phone <> '';

CREATE TABLE client_tag_links (
    client_id BIGINT NOT NULL REFERENCES clients (id),
    tag_id BIGINT NOT NULL REFERENCES client_tags (id),
    PRIMARY KEY (client_id, tag_id)
);
CREATE INDEX client_tag_links_tag ON client_tag_links (tag_id);

CREATE TABLE client_comments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    location_id BIGINT NOT NULL REFERENCES locations (id),
    client_id BIGINT NOT NULL REFERENCES clients (id),
    user_id BIGINT REFERENCES users (id),
    -- 'default' (text) or 'file' (created by an upload)
    kind TEXT NOT NULL,
    text TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    deleted_at BIGINT
);
CREATE INDEX client_comments_client ON client_comments (client_id, id);

CREATE TABLE client_files (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    location_id BIGINT NOT NULL REFERENCES locations (id),
    client_id BIGINT NOT NULL REFERENCES clients (id),
    comment_id BIGINT REFERENCES client_comments (id),
    user_id BIGINT REFERENCES users (id),
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    extension TEXT NOT NULL DEFAULT '',
    mime TEXT NOT NULL DEFAULT 'application/octet-stream',
    size BIGINT NOT NULL,
    -- path relative to the data directory
    storage_path TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    deleted_at BIGINT
);
CREATE INDEX client_files_client ON client_files (client_id, id);

-- Substring search: an FTS5 trigram index over clients.search_text, kept in step by triggers.
-- Queries read `SELECT rowid FROM client_search WHERE search_text LIKE $n`; on PostgreSQL the same
-- name is a view over clients backed by a pg_trgm GIN index.
CREATE VIRTUAL TABLE client_search USING fts5 (search_text, content = 'clients', content_rowid = 'id', tokenize = 'trigram');
CREATE TRIGGER clients_search_insert AFTER INSERT ON clients BEGIN
    INSERT INTO client_search (rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TRIGGER clients_search_delete AFTER DELETE ON clients BEGIN
    INSERT INTO client_search (client_search, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;
CREATE TRIGGER clients_search_update AFTER UPDATE OF search_text ON clients BEGIN
    INSERT INTO client_search (client_search, rowid, search_text) VALUES ('delete', old.id, old.search_text);
    INSERT INTO client_search (rowid, search_text) VALUES (new.id, new.search_text);
END;
