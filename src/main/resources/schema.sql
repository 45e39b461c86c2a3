-- The archive of paid orders (io.statefront.order.OrderArchive); valid in H2 and PostgreSQL.
CREATE TABLE IF NOT EXISTS archived_order (
    order_id    VARCHAR(20) PRIMARY KEY,
    order_seq   BIGINT      NOT NULL,
    user_id     VARCHAR(20) NOT NULL,
    items       VARCHAR     NOT NULL,
    total_cost  BIGINT      NOT NULL,
    paid_at     BIGINT      NOT NULL
);
CREATE INDEX IF NOT EXISTS archived_order_by_user ON archived_order (user_id, order_seq);
