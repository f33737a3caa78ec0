-- Working schedules, appointment calendar settings and resources. A working interval is a
-- local date (YYYY-MM-DD in the location's zone) and wall-clock seconds from local midnight;
-- instants are computed in Rust with the zone (DST-correct). postgres/0006_schedules.sql is the
-- twin.

-- One row per working interval; a date without rows is a day off. Intervals of one date never
-- overlap (they are merged on write) and end after they start, by 86400 (24:00) at the latest
-- (bizd_domain::schedule::normalize).
CREATE TABLE schedule_intervals (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    location_id BIGINT NOT NULL REFERENCES locations (id),
    team_member_id BIGINT NOT NULL REFERENCES team_members (id),
    date TEXT NOT NULL,
    from_seconds BIGINT NOT NULL,
    to_seconds BIGINT NOT NULL
);
CREATE INDEX schedule_intervals_member_date ON schedule_intervals (team_member_id, date);
CREATE INDEX schedule_intervals_location_date ON schedule_intervals (location_id, date);

-- Appointment calendar settings: one row per location, from its creation.
CREATE TABLE timetable_settings (
    location_id BIGINT PRIMARY KEY REFERENCES locations (id),
    -- 0 mixed, 1 individual appointment, 2 group event
    record_type BIGINT NOT NULL DEFAULT 0,
    activity_record_clients_count_max BIGINT NOT NULL DEFAULT 1,
    is_show_newsletter_agreement BOOLEAN NOT NULL DEFAULT FALSE,
    is_show_personal_data_processing_agreement BOOLEAN NOT NULL DEFAULT FALSE,
    -- seconds between sessions of the calendar
    timetable_step BIGINT NOT NULL DEFAULT 900,
    updated_at BIGINT NOT NULL DEFAULT 0
);
INSERT INTO timetable_settings (location_id) SELECT id FROM locations;

-- Resources (rooms, chairs, devices) with their instances. Soft-deleted: appointments may
-- point at their instances.
CREATE TABLE resources (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    location_id BIGINT NOT NULL REFERENCES locations (id),
    title TEXT NOT NULL,
    -- clients one instance serves at a time
    capacity BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    deleted_at BIGINT
);
CREATE INDEX resources_location ON resources (location_id);

CREATE TABLE resource_instances (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    resource_id BIGINT NOT NULL REFERENCES resources (id),
    title TEXT NOT NULL
);
CREATE INDEX resource_instances_resource ON resource_instances (resource_id);

-- The resources a service needs.
CREATE TABLE service_resources (
    service_id BIGINT NOT NULL REFERENCES services (id),
    resource_id BIGINT NOT NULL REFERENCES resources (id),
    location_id BIGINT NOT NULL REFERENCES locations (id),
    PRIMARY KEY (service_id, resource_id)
);
CREATE INDEX service_resources_resource ON service_resources (resource_id);
CREATE INDEX service_resources_location ON service_resources (location_id);
