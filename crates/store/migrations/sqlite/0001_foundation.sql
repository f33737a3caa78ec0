-- Foundation: partners, users, chains, locations and who may act on them.
-- Portable types only (see crates/store/src/lib.rs); postgres/0001_foundation.sql is the twin.

CREATE TABLE partner_tokens (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    revoked_at BIGINT
);
CREATE UNIQUE INDEX partner_tokens_hash ON partner_tokens (token_hash);

CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL DEFAULT '',
    login TEXT NOT NULL,
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    phone_digits TEXT,
    password_hash TEXT NOT NULL,
    avatar TEXT NOT NULL DEFAULT '',
    is_approved BOOLEAN NOT NULL DEFAULT TRUE,
    is_email_confirmed BOOLEAN NOT NULL DEFAULT FALSE,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX users_login ON users (login);
CREATE INDEX users_email ON users (email);
CREATE INDEX users_phone_digits ON users (phone_digits);

CREATE TABLE user_tokens (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX user_tokens_hash ON user_tokens (token_hash);
CREATE INDEX user_tokens_user ON user_tokens (user_id);

CREATE TABLE chains (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    title TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE locations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    chain_id BIGINT NOT NULL REFERENCES chains (id),
    title TEXT NOT NULL,
    public_title TEXT NOT NULL DEFAULT '',
    short_descr TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    business_type_id BIGINT NOT NULL DEFAULT 0,
    country_id BIGINT NOT NULL DEFAULT 0,
    country TEXT NOT NULL DEFAULT '',
    city_id BIGINT NOT NULL DEFAULT 0,
    city TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '',
    zip TEXT NOT NULL DEFAULT '',
    timezone_name TEXT NOT NULL,
    currency TEXT NOT NULL,
    phone TEXT NOT NULL DEFAULT '',
    phones TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    site TEXT NOT NULL DEFAULT '',
    social_facebook TEXT NOT NULL DEFAULT '',
    social_instagram TEXT NOT NULL DEFAULT '',
    social_telegram TEXT NOT NULL DEFAULT '',
    social_whatsapp TEXT NOT NULL DEFAULT '',
    social_viber TEXT NOT NULL DEFAULT '',
    social_vk TEXT NOT NULL DEFAULT '',
    coordinate_lat DOUBLE PRECISION NOT NULL DEFAULT 0,
    coordinate_lon DOUBLE PRECISION NOT NULL DEFAULT 0,
    phone_confirmation BOOLEAN NOT NULL DEFAULT FALSE,
    group_priority BIGINT NOT NULL DEFAULT 0,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    created_by BIGINT REFERENCES users (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    deleted_at BIGINT
);
CREATE INDEX locations_chain ON locations (chain_id);

-- A user's membership in a location; the role decides the permission flags.
CREATE TABLE location_users (
    location_id BIGINT NOT NULL REFERENCES locations (id),
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    is_approved BOOLEAN NOT NULL DEFAULT TRUE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (location_id, user_id)
);
CREATE INDEX location_users_user ON location_users (user_id);
