-- Checkout: a location's accounts (cash desks), every visit's sale document (type 7, "Visit"),
-- and the financial transactions that move money in and out of accounts — a payment of a sale
-- document is one of them (`document_id` set). Balances are never stored: an account's balance
-- is the sum of its live transactions. Every edit or deletion of a transaction leaves a row in
-- finance_transaction_changes (who, when, before and after). Money in hundredths (minor units),
-- instants in UTC seconds. postgres/0010_checkout.sql is the twin.

CREATE TABLE accounts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    location_id BIGINT NOT NULL REFERENCES locations (id),
    title TEXT NOT NULL,
    -- 0 cash, 1 non-cash
    type BIGINT NOT NULL DEFAULT 0,
    comment TEXT NOT NULL DEFAULT '',
    -- the location's default account of its type (one cash, one non-cash)
    is_default BOOLEAN NOT NULL DEFAULT FALSE,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    deleted_at BIGINT
);
CREATE INDEX accounts_location ON accounts (location_id);

-- Every location, existing ones included, has a cash and a card account.
INSERT INTO accounts (location_id, title, type, comment, is_default, created_at, updated_at)
SELECT id, 'Cash desk', 0, '', TRUE, created_at, created_at FROM locations;
INSERT INTO accounts (location_id, title, type, comment, is_default, created_at, updated_at)
SELECT id, 'Card payments', 1, '', TRUE, created_at, created_at FROM locations;

CREATE TABLE sale_documents (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    location_id BIGINT NOT NULL REFERENCES locations (id),
    -- 7 Visit (the only type written so far)
    type_id BIGINT NOT NULL DEFAULT 7,
    visit_id BIGINT REFERENCES visits (id),
    user_id BIGINT,
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX sale_documents_visit ON sale_documents (visit_id);

INSERT INTO sale_documents (location_id, type_id, visit_id, created_at)
SELECT location_id, 7, id, created_at FROM visits ORDER BY id;

CREATE TABLE finance_transactions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    location_id BIGINT NOT NULL REFERENCES locations (id),
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    -- the sale document a payment belongs to; NULL for a transaction entered by hand
    document_id BIGINT REFERENCES sale_documents (id),
    visit_id BIGINT REFERENCES visits (id),
    record_id BIGINT REFERENCES records (id),
    -- the payment item (5 provision of services, 7 sale of goods, …)
    expense_id BIGINT NOT NULL,
    -- signed: income positive, expense or refund negative
    amount BIGINT NOT NULL,
    client_id BIGINT REFERENCES clients (id),
    team_member_id BIGINT REFERENCES team_members (id),
    supplier_id BIGINT NOT NULL DEFAULT 0,
    comment TEXT NOT NULL DEFAULT '',
    -- the transaction's date (UTC seconds), as entered
    date BIGINT NOT NULL,
    user_id BIGINT REFERENCES users (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    deleted_at BIGINT
);
CREATE INDEX finance_transactions_location_date ON finance_transactions (location_id, date);
CREATE INDEX finance_transactions_account ON finance_transactions (account_id);
CREATE INDEX finance_transactions_document ON finance_transactions (document_id);
CREATE INDEX finance_transactions_visit ON finance_transactions (visit_id);

CREATE TABLE finance_transaction_changes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    transaction_id BIGINT NOT NULL REFERENCES finance_transactions (id),
    location_id BIGINT NOT NULL REFERENCES locations (id),
    user_id BIGINT REFERENCES users (id),
    -- 'update' or 'delete'
    action TEXT NOT NULL,
    -- the transaction as JSON before the change, and after it (NULL for a deletion)
    before TEXT NOT NULL,
    after TEXT,
    changed_at BIGINT NOT NULL
);
CREATE INDEX finance_transaction_changes_transaction ON finance_transaction_changes (transaction_id);

-- A visit's cost (its live service and product lines after discounts) and what was paid for it
-- (the sum of its sale document's live payments): kept in the transactions that change either,
-- so that lists show each visit's payment status without adding up its lines.
ALTER TABLE visits ADD COLUMN cost BIGINT NOT NULL DEFAULT 0;
ALTER TABLE visits ADD COLUMN paid BIGINT NOT NULL DEFAULT 0;
UPDATE visits SET cost = CAST(COALESCE((
    SELECT SUM(rs.cost_to_pay) FROM record_services rs
    JOIN records r ON r.id = rs.record_id
    WHERE r.visit_id = visits.id AND r.deleted_at IS NULL), 0) + COALESCE((
    SELECT SUM(gi.cost_to_pay) FROM goods_transaction_items gi
    JOIN goods_transactions g ON g.id = gi.transaction_id
    WHERE g.visit_id = visits.id AND g.deleted_at IS NULL), 0) AS BIGINT),
  paid = CAST(COALESCE((
    SELECT SUM(rs.paid_sum) FROM record_services rs
    JOIN records r ON r.id = rs.record_id
    WHERE r.visit_id = visits.id AND r.deleted_at IS NULL), 0) + COALESCE((
    SELECT SUM(gi.paid_sum) FROM goods_transaction_items gi
    JOIN goods_transactions g ON g.id = gi.transaction_id
    WHERE g.visit_id = visits.id AND g.deleted_at IS NULL), 0) AS BIGINT);
