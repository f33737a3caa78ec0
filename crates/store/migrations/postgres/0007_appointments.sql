-- The booking engine's appointments: what 0004 left for the appointments section. Instants in
-- UTC seconds, money in hundredths; sqlite/0007_appointments.sql is the twin.

ALTER TABLE records ADD COLUMN confirmed BIGINT NOT NULL DEFAULT 1;
ALTER TABLE records ADD COLUMN api_id TEXT NOT NULL DEFAULT '';
ALTER TABLE records ADD COLUMN custom_color TEXT NOT NULL DEFAULT '';
ALTER TABLE records ADD COLUMN sms_remain_hours BIGINT;
ALTER TABLE records ADD COLUMN email_remain_hours BIGINT;
ALTER TABLE records ADD COLUMN created_user_id BIGINT;
ALTER TABLE records ADD COLUMN online BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE records ADD COLUMN technical_break_duration BIGINT NOT NULL DEFAULT 0;
-- Set when the appointment was written with save_if_busy over a conflict.
ALTER TABLE records ADD COLUMN overbooked BOOLEAN NOT NULL DEFAULT FALSE;

-- The conflict check and the calendar read one team member's appointments around an instant;
-- lists read a location's by start, creation or change.
CREATE INDEX records_member_start ON records (team_member_id, starts_at);
CREATE INDEX records_location_start ON records (location_id, starts_at);
CREATE INDEX records_location_created ON records (location_id, created_at);
CREATE INDEX records_location_updated ON records (location_id, updated_at);

ALTER TABLE record_services ADD COLUMN amount BIGINT NOT NULL DEFAULT 1;
-- The service's cost after the discount, before payments (cost_to_pay is what remains).
ALTER TABLE record_services ADD COLUMN cost BIGINT NOT NULL DEFAULT 0;
UPDATE record_services SET cost = cost_to_pay + paid_sum;

-- The resource instances an appointment holds.
CREATE TABLE record_resource_instances (
    record_id BIGINT NOT NULL REFERENCES records (id),
    resource_instance_id BIGINT NOT NULL REFERENCES resource_instances (id),
    resource_id BIGINT NOT NULL REFERENCES resources (id),
    -- The appointment's start, so that the instances held around an instant are found through
    -- (resource_id, starts_at) within a day, not among every holding of the resource.
    starts_at BIGINT NOT NULL,
    PRIMARY KEY (record_id, resource_instance_id)
);
CREATE INDEX record_resource_instances_resource ON record_resource_instances (resource_id, starts_at);

CREATE INDEX visits_location_start ON visits (location_id, starts_at);
