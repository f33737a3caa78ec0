-- Visits and what happens in them: appointments (records) with their services, and product
-- sales. The appointments section fills these through its own operations; the client visit
-- history reads them. Money in hundredths, instants in UTC seconds. postgres/0004_visits.sql is
-- the twin.

CREATE TABLE visits (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    location_id BIGINT NOT NULL REFERENCES locations (id),
    client_id BIGINT REFERENCES clients (id),
    -- -1 no-show, 0 waiting, 1 arrived, 2 confirmed
    attendance BIGINT NOT NULL DEFAULT 0,
    starts_at BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    deleted_at BIGINT
);
CREATE INDEX visits_client ON visits (location_id, client_id, starts_at);

CREATE TABLE records (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    location_id BIGINT NOT NULL REFERENCES locations (id),
    visit_id BIGINT NOT NULL REFERENCES visits (id),
    client_id BIGINT REFERENCES clients (id),
    team_member_id BIGINT,
    starts_at BIGINT NOT NULL,
    -- seconds
    length BIGINT NOT NULL DEFAULT 0,
    attendance BIGINT NOT NULL DEFAULT 0,
    comment TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    deleted_at BIGINT
);
CREATE INDEX records_client ON records (location_id, client_id, starts_at);
CREATE INDEX records_visit ON records (visit_id);

CREATE TABLE record_services (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    record_id BIGINT NOT NULL REFERENCES records (id),
    service_id BIGINT NOT NULL,
    title TEXT NOT NULL,
    first_cost BIGINT NOT NULL DEFAULT 0,
    -- hundredths of a percent
    discount_percent BIGINT NOT NULL DEFAULT 0,
    cost_to_pay BIGINT NOT NULL DEFAULT 0,
    paid_sum BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX record_services_record ON record_services (record_id);

CREATE TABLE goods_transactions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    location_id BIGINT NOT NULL REFERENCES locations (id),
    client_id BIGINT REFERENCES clients (id),
    visit_id BIGINT REFERENCES visits (id),
    record_id BIGINT REFERENCES records (id),
    team_member_id BIGINT,
    sold_at BIGINT NOT NULL,
    comment TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    deleted_at BIGINT
);
CREATE INDEX goods_transactions_client ON goods_transactions (location_id, client_id, sold_at);

CREATE TABLE goods_transaction_items (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    transaction_id BIGINT NOT NULL REFERENCES goods_transactions (id),
    good_id BIGINT NOT NULL,
    title TEXT NOT NULL,
    -- hundredths of a unit; negative for a sale (stock leaves)
    amount BIGINT NOT NULL,
    unit TEXT NOT NULL DEFAULT '',
    cost_per_unit BIGINT NOT NULL DEFAULT 0,
    discount_percent BIGINT NOT NULL DEFAULT 0,
    cost_to_pay BIGINT NOT NULL DEFAULT 0,
    paid_sum BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX goods_transaction_items_transaction ON goods_transaction_items (transaction_id);
