-- Users & Permissions: the permission values set for a user in a location over their role's
-- defaults (JSON, see bizd_domain::permissions::PermissionValues), the position text shown for a
-- member, and invitations (a pending membership is a location_users row with is_approved false;
-- its invitation holds the digest of the unguessable token that accepts it).
-- postgres/0012_users.sql is the twin.

ALTER TABLE location_users ADD COLUMN permissions TEXT NOT NULL DEFAULT '{}';
ALTER TABLE location_users ADD COLUMN information TEXT NOT NULL DEFAULT '';

CREATE TABLE invitations (
    id INTEGER PRIMARY KEY,
    location_id INTEGER NOT NULL REFERENCES locations (id),
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL,
    invited_by INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    accepted_at INTEGER
);
CREATE UNIQUE INDEX invitations_token ON invitations (token_hash);
CREATE INDEX invitations_membership ON invitations (location_id, user_id);
