-- Idempotency keys (an extension: docs/compat.md). The first answer of a write sent with an
-- `Idempotency-Key` header, replayed for 24 hours to a repeat of the same request. The twin file
-- of the other backend is identical.

CREATE TABLE idempotency_keys (
    partner_id BIGINT NOT NULL,
    -- 0 when the request carried a partner token only
    user_id BIGINT NOT NULL,
    idem_key TEXT NOT NULL,
    -- SHA-256 (hex) of method, path, query and body
    request_hash TEXT NOT NULL,
    -- NULL while the first request is still running
    status BIGINT,
    content_type TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    PRIMARY KEY (partner_id, user_id, idem_key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
