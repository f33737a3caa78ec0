-- Products and inventory: a tree of product categories, products (sale and write-off units
-- with their ratio, prices in minor units, amounts in thousandths), a location's storages (a
-- sales storage and a consumables storage from its creation), inventory documents (rows of
-- sale_documents, whose type says what they are: 1 sale, 3 arrival, 4 write-off, 5 transfer,
-- 6 inventory correction, 7 visit) and the product transactions they hold. Stock is never
-- stored: it is the sum of the live transactions of a product in a storage. Bills of materials
-- (technological cards) list what a service consumes; an appointment's consumables default
-- from them and are written off when its visit is completed. postgres/0011_products.sql is the
-- twin.

CREATE TABLE product_categories (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    location_id BIGINT NOT NULL REFERENCES locations (id),
    -- NULL: a root category
    parent_id BIGINT REFERENCES product_categories (id),
    title TEXT NOT NULL,
    article TEXT NOT NULL DEFAULT '',
    comment TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    deleted_at BIGINT
);
CREATE INDEX product_categories_location ON product_categories (location_id, parent_id);

CREATE TABLE products (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    location_id BIGINT NOT NULL REFERENCES locations (id),
    category_id BIGINT NOT NULL REFERENCES product_categories (id),
    title TEXT NOT NULL,
    print_title TEXT NOT NULL DEFAULT '',
    article TEXT NOT NULL DEFAULT '',
    barcode TEXT NOT NULL DEFAULT '',
    -- units of the fixed list (bizd_domain::inventory::UNITS)
    sale_unit_id BIGINT NOT NULL,
    service_unit_id BIGINT NOT NULL,
    -- write-off units in one sale unit, thousandths
    unit_equals BIGINT NOT NULL DEFAULT 1000,
    -- selling price and cost price, minor units
    cost BIGINT NOT NULL DEFAULT 0,
    actual_cost BIGINT NOT NULL DEFAULT 0,
    -- sale units, thousandths
    critical_amount BIGINT NOT NULL DEFAULT 0,
    desired_amount BIGINT NOT NULL DEFAULT 0,
    -- weights, thousandths
    netto BIGINT NOT NULL DEFAULT 0,
    brutto BIGINT NOT NULL DEFAULT 0,
    comment TEXT NOT NULL DEFAULT '',
    tax_variant BIGINT NOT NULL DEFAULT 0,
    vat_id BIGINT NOT NULL DEFAULT 0,
    -- lower-case title, article and barcode, for the search by term
    search_text TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    deleted_at BIGINT
);
CREATE INDEX products_location ON products (location_id, category_id);
CREATE INDEX products_location_title ON products (location_id, title);
CREATE INDEX products_location_barcode ON products (location_id, barcode);
CREATE INDEX products_location_article ON products (location_id, article);

-- Substring search by term: an FTS5 trigram index over products.search_text, kept in step by
-- triggers (as client_search); on PostgreSQL the same name is a view over products backed by a
-- pg_trgm GIN index.
CREATE VIRTUAL TABLE product_search USING fts5 (search_text, content = 'products', content_rowid = 'id', tokenize = 'trigram');
CREATE TRIGGER products_search_insert AFTER INSERT ON products BEGIN
    INSERT INTO product_search (rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TRIGGER products_search_delete AFTER DELETE ON products BEGIN
    INSERT INTO product_search (product_search, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;
CREATE TRIGGER products_search_update AFTER UPDATE OF search_text ON products BEGIN
    INSERT INTO product_search (product_search, rowid, search_text) VALUES ('delete', old.id, old.search_text);
    INSERT INTO product_search (rowid, search_text) VALUES (new.id, new.search_text);
END;

CREATE TABLE storages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    location_id BIGINT NOT NULL REFERENCES locations (id),
    title TEXT NOT NULL,
    comment TEXT NOT NULL DEFAULT '',
    -- the storage consumables of services are written off from
    for_services BOOLEAN NOT NULL DEFAULT FALSE,
    -- the default storage of product sales
    for_sale BOOLEAN NOT NULL DEFAULT FALSE,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    deleted_at BIGINT
);
CREATE INDEX storages_location ON storages (location_id);

INSERT INTO storages (location_id, title, comment, for_services, for_sale, created_at, updated_at)
SELECT id, 'Products', '', FALSE, TRUE, created_at, created_at FROM locations;
INSERT INTO storages (location_id, title, comment, for_services, for_sale, created_at, updated_at)
SELECT id, 'Consumables', '', TRUE, FALSE, created_at, created_at FROM locations;

-- Negative stock is refused unless the location allows it.
ALTER TABLE locations ADD COLUMN allow_negative_stock BOOLEAN NOT NULL DEFAULT FALSE;

-- Inventory documents are sale_documents rows of the other types.
ALTER TABLE sale_documents ADD COLUMN storage_id BIGINT REFERENCES storages (id);
ALTER TABLE sale_documents ADD COLUMN comment TEXT NOT NULL DEFAULT '';
-- the document's date as entered (UTC seconds); a visit's is its creation
ALTER TABLE sale_documents ADD COLUMN date BIGINT NOT NULL DEFAULT 0;
ALTER TABLE sale_documents ADD COLUMN updated_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE sale_documents ADD COLUMN deleted_at BIGINT;
UPDATE sale_documents SET date = created_at, updated_at = created_at;
CREATE INDEX sale_documents_location ON sale_documents (location_id, type_id);

CREATE TABLE product_transactions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    location_id BIGINT NOT NULL REFERENCES locations (id),
    document_id BIGINT NOT NULL REFERENCES sale_documents (id),
    product_id BIGINT NOT NULL REFERENCES products (id),
    storage_id BIGINT NOT NULL REFERENCES storages (id),
    -- the document type it belongs to (1 sale, 2 consumables of a service, 3 arrival, …)
    type_id BIGINT NOT NULL,
    -- 1 sale unit, 2 write-off unit: the unit of `amount`
    operation_unit_type BIGINT NOT NULL DEFAULT 1,
    -- signed, thousandths of the operation unit (negative: stock leaves)
    amount BIGINT NOT NULL,
    -- the same in thousandths of the write-off unit: what stock adds up
    service_amount BIGINT NOT NULL,
    -- minor units; discount in hundredths of a percent
    cost_per_unit BIGINT NOT NULL DEFAULT 0,
    discount BIGINT NOT NULL DEFAULT 0,
    cost BIGINT NOT NULL DEFAULT 0,
    client_id BIGINT REFERENCES clients (id),
    team_member_id BIGINT REFERENCES team_members (id),
    supplier_id BIGINT NOT NULL DEFAULT 0,
    record_id BIGINT REFERENCES records (id),
    service_id BIGINT,
    comment TEXT NOT NULL DEFAULT '',
    date BIGINT NOT NULL,
    user_id BIGINT REFERENCES users (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    deleted_at BIGINT
);
CREATE INDEX product_transactions_stock ON product_transactions (product_id, storage_id);
CREATE INDEX product_transactions_location_date ON product_transactions (location_id, date);
CREATE INDEX product_transactions_document ON product_transactions (document_id);
CREATE INDEX product_transactions_record ON product_transactions (record_id);

CREATE TABLE technological_cards (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    location_id BIGINT NOT NULL REFERENCES locations (id),
    title TEXT NOT NULL,
    -- the service it is the default bill of materials of, per team member when set
    service_id BIGINT REFERENCES services (id),
    team_member_id BIGINT REFERENCES team_members (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    deleted_at BIGINT
);
CREATE INDEX technological_cards_location ON technological_cards (location_id);
CREATE INDEX technological_cards_service ON technological_cards (service_id);

CREATE TABLE technological_card_items (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    card_id BIGINT NOT NULL REFERENCES technological_cards (id),
    product_id BIGINT NOT NULL REFERENCES products (id),
    storage_id BIGINT NOT NULL REFERENCES storages (id),
    -- thousandths of the product's write-off unit
    amount BIGINT NOT NULL
);
CREATE INDEX technological_card_items_card ON technological_card_items (card_id);

-- An appointment service whose consumables were edited (or whose card was unlinked): its
-- consumables are then the rows of record_consumables, no longer the card's.
CREATE TABLE record_consumable_sets (
    record_id BIGINT NOT NULL REFERENCES records (id),
    service_id BIGINT NOT NULL,
    location_id BIGINT NOT NULL REFERENCES locations (id),
    technological_card_id BIGINT REFERENCES technological_cards (id),
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (record_id, service_id)
);

CREATE TABLE record_consumables (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    record_id BIGINT NOT NULL REFERENCES records (id),
    service_id BIGINT NOT NULL,
    location_id BIGINT NOT NULL REFERENCES locations (id),
    product_id BIGINT NOT NULL REFERENCES products (id),
    storage_id BIGINT NOT NULL REFERENCES storages (id),
    -- thousandths of the product's write-off unit
    amount BIGINT NOT NULL,
    -- minor units
    price BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX record_consumables_record ON record_consumables (record_id, service_id);
