-- Service catalog and team members: positions, team members, service categories, services and
-- the team member ↔ service links. Portable types only; postgres/0003_services_staff.sql is the twin.

-- Positions are chain entities, linked to the locations that use them.
CREATE TABLE positions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    chain_id BIGINT NOT NULL REFERENCES chains (id),
    title TEXT NOT NULL,
    api_id TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    deleted_at BIGINT
);
CREATE INDEX positions_chain ON positions (chain_id);

CREATE TABLE position_locations (
    position_id BIGINT NOT NULL REFERENCES positions (id),
    location_id BIGINT NOT NULL REFERENCES locations (id),
    PRIMARY KEY (position_id, location_id)
);
CREATE INDEX position_locations_location ON position_locations (location_id);

-- Soft-deleted: appointments and history keep pointing at them.
CREATE TABLE team_members (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    location_id BIGINT NOT NULL REFERENCES locations (id),
    name TEXT NOT NULL,
    specialization TEXT NOT NULL DEFAULT '',
    information TEXT NOT NULL DEFAULT '',
    api_id TEXT NOT NULL DEFAULT '',
    weight BIGINT NOT NULL DEFAULT 0,
    hidden BOOLEAN NOT NULL DEFAULT FALSE,
    fired BOOLEAN NOT NULL DEFAULT FALSE,
    position_id BIGINT REFERENCES positions (id),
    user_id BIGINT REFERENCES users (id),
    phone TEXT NOT NULL DEFAULT '',
    show_rating BOOLEAN NOT NULL DEFAULT TRUE,
    has_access_timetable BOOLEAN NOT NULL DEFAULT FALSE,
    is_paid_staff BOOLEAN NOT NULL DEFAULT TRUE,
    is_included_in_payment_policy BOOLEAN NOT NULL DEFAULT TRUE,
    avatar TEXT NOT NULL DEFAULT '',
    avatar_big TEXT NOT NULL DEFAULT '',
    rating DOUBLE PRECISION NOT NULL DEFAULT 0,
    votes_count BIGINT NOT NULL DEFAULT 0,
    comments_count BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    deleted_at BIGINT
);
CREATE INDEX team_members_location ON team_members (location_id);

CREATE TABLE service_categories (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    location_id BIGINT NOT NULL REFERENCES locations (id),
    title TEXT NOT NULL,
    api_id TEXT NOT NULL DEFAULT '',
    weight BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    deleted_at BIGINT
);
CREATE INDEX service_categories_location ON service_categories (location_id);

-- Team members assigned to a category explicitly (its `staff` field); those linked to one of
-- its services are added when it is read.
CREATE TABLE service_category_staff (
    category_id BIGINT NOT NULL REFERENCES service_categories (id),
    team_member_id BIGINT NOT NULL REFERENCES team_members (id),
    PRIMARY KEY (category_id, team_member_id)
);
CREATE INDEX service_category_staff_member ON service_category_staff (team_member_id);

-- Prices and the discount (percent) in hundredths; durations in seconds.
CREATE TABLE services (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    location_id BIGINT NOT NULL REFERENCES locations (id),
    category_id BIGINT NOT NULL REFERENCES service_categories (id),
    title TEXT NOT NULL,
    booking_title TEXT NOT NULL DEFAULT '',
    price_min BIGINT NOT NULL DEFAULT 0,
    price_max BIGINT NOT NULL DEFAULT 0,
    duration BIGINT NOT NULL DEFAULT 3600,
    technical_break_duration BIGINT,
    discount BIGINT NOT NULL DEFAULT 0,
    comment TEXT NOT NULL DEFAULT '',
    weight BIGINT NOT NULL DEFAULT 0,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    api_id TEXT NOT NULL DEFAULT '',
    is_multi BOOLEAN NOT NULL DEFAULT FALSE,
    tax_variant BIGINT NOT NULL DEFAULT 0,
    vat_id BIGINT NOT NULL DEFAULT 0,
    is_need_limit_date BOOLEAN NOT NULL DEFAULT FALSE,
    date_from TEXT NOT NULL DEFAULT '',
    date_to TEXT NOT NULL DEFAULT '',
    seance_search_start BIGINT NOT NULL DEFAULT 0,
    seance_search_finish BIGINT NOT NULL DEFAULT 86400,
    step BIGINT NOT NULL DEFAULT 300,
    seance_search_step BIGINT NOT NULL DEFAULT 900,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    deleted_at BIGINT
);
CREATE INDEX services_location ON services (location_id);
CREATE INDEX services_category ON services (category_id);

-- Who provides which service, for how long, at what price (NULL: the service's own).
-- Both sides read these same rows. Removed with the service or the team member.
CREATE TABLE service_staff (
    service_id BIGINT NOT NULL REFERENCES services (id),
    team_member_id BIGINT NOT NULL REFERENCES team_members (id),
    location_id BIGINT NOT NULL REFERENCES locations (id),
    seance_length BIGINT NOT NULL,
    technological_card_id BIGINT,
    price_min BIGINT,
    price_max BIGINT,
    is_online BOOLEAN NOT NULL DEFAULT TRUE,
    is_offline_records_allowed BOOLEAN NOT NULL DEFAULT TRUE,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (service_id, team_member_id)
);
CREATE INDEX service_staff_member ON service_staff (team_member_id);
CREATE INDEX service_staff_location ON service_staff (location_id);
