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

-- The browsers that remember a storefront customer (io.statefront.storefront.RememberedCustomers):
-- Spring Security's persistent remember-me tokens, a row per browser, deleted on sign-out, when
-- the customer's user is removed, and statefront.shop.remember-me-for after its last use.
CREATE TABLE IF NOT EXISTS persistent_logins (
    username    VARCHAR(64) NOT NULL,
    series      VARCHAR(64) PRIMARY KEY,
    token       VARCHAR(64) NOT NULL,
    last_used   TIMESTAMP   NOT NULL
);
CREATE INDEX IF NOT EXISTS persistent_logins_by_username ON persistent_logins (username);
CREATE INDEX IF NOT EXISTS persistent_logins_by_last_used ON persistent_logins (last_used);

-- How far io.statefront.order.OrderArchiveListener has read the order-archive topic: per
-- partition, the next offset to read. Written in the same transaction as the orders it read, so a
-- crash keeps both or neither, and the listener, which joins no consumer group, resumes from here.
CREATE TABLE IF NOT EXISTS archive_read_position (
    topic_partition INT    PRIMARY KEY,
    next_offset     BIGINT NOT NULL
);
