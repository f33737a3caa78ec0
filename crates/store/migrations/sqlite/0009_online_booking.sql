-- Online booking: the settings that shape what the public flow offers, booking forms, the
-- short-lived phone codes, the outbox messages wait in until a gateway sends them, and the marks
-- of an appointment made online. One row of settings and one default form per location from its
-- creation (backfilled here). postgres/0009_online_booking.sql is the twin.

CREATE TABLE online_booking_settings (
    location_id BIGINT PRIMARY KEY REFERENCES locations (id),
    confirm_number BOOLEAN NOT NULL DEFAULT FALSE,
    any_master BOOLEAN NOT NULL DEFAULT TRUE,
    -- minimum notice before a session, in minutes (0 to 1380, steps of 30)
    seance_delay_step BIGINT NOT NULL DEFAULT 0,
    activity_online_record_clients_count_max BIGINT NOT NULL DEFAULT 1,
    -- how many days ahead may be booked, today included (0 = no limit)
    booking_window_days BIGINT NOT NULL DEFAULT 60,
    -- seconds between offered sessions (0 = the calendar's step)
    seance_step BIGINT NOT NULL DEFAULT 0,
    -- future online appointments one client may hold at once (0 = no limit)
    client_online_records_max BIGINT NOT NULL DEFAULT 0,
    updated_at BIGINT NOT NULL DEFAULT 0
);
INSERT INTO online_booking_settings (location_id) SELECT id FROM locations;

CREATE TABLE booking_forms (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    location_id BIGINT NOT NULL REFERENCES locations (id),
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    is_default BOOLEAN NOT NULL DEFAULT FALSE,
    -- JSON object of the display options (colours, steps, pixels)
    options TEXT NOT NULL DEFAULT '{}',
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    deleted_at BIGINT
);
CREATE INDEX booking_forms_location ON booking_forms (location_id, id);
INSERT INTO booking_forms (location_id, title, is_default, created_at, updated_at)
    SELECT id, 'Online booking', TRUE, 0, 0 FROM locations;

-- Phone confirmation codes: stored hashed, short-lived, with an attempt count.
CREATE TABLE booking_codes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    location_id BIGINT REFERENCES locations (id),
    phone TEXT NOT NULL,
    code_hash TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    used_at BIGINT,
    created_at BIGINT NOT NULL
);
CREATE INDEX booking_codes_phone ON booking_codes (phone, created_at);

-- Messages to clients, read by operators (`bizd admin outbox`) until a gateway sends them.
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    location_id BIGINT REFERENCES locations (id),
    channel TEXT NOT NULL,
    recipient TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    sent_at BIGINT
);
CREATE INDEX outbox_created ON outbox (created_at);

-- An appointment made online: where from, through which form, and the digest of the
-- unguessable hash its booker holds.
ALTER TABLE records ADD COLUMN record_from TEXT NOT NULL DEFAULT '';
ALTER TABLE records ADD COLUMN bookform_id BIGINT NOT NULL DEFAULT 0;
ALTER TABLE records ADD COLUMN record_hash TEXT;

-- A booking-site user's appointments are those of the clients with their phone.
CREATE INDEX clients_phone ON clients (phone);
