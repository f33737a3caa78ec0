-- A visit's product sales are product transactions (type 1) in its sale document, like any
-- other sale: they take stock from a storage, add to the visit's cost and take their share of
-- its payments (`paid_sum`, kept with the service lines' by sales::spread). The visit-history
-- tables of the first edition (goods_transactions, goods_transaction_items) go: no operation
-- ever wrote them. sqlite/0014_visit_goods.sql is the twin.
ALTER TABLE product_transactions ADD COLUMN paid_sum BIGINT NOT NULL DEFAULT 0;
-- A client's purchases, for their visit history.
CREATE INDEX product_transactions_client ON product_transactions (client_id, type_id);
DROP TABLE goods_transaction_items;
DROP TABLE goods_transactions;
