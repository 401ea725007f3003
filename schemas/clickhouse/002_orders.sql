-- orders: one row per order status change (OrderEvent), written by IngestJob.
-- Unique by event_id: ReplacingMergeTree on (shop_id, order_id, ts_ms, event_id).
-- ts (seconds) is derived from ts_ms by the server.
CREATE TABLE IF NOT EXISTS orders
(
    event_id      String,
    order_id      String,
    shop_id       String,
    buyer_id      String,
    status        String,
    amount        Decimal(18, 2),
    currency      String,
    refund_reason String,
    ts            DateTime DEFAULT toDateTime(intDiv(ts_ms, 1000)),
    ts_ms         Int64,
    kafka_ts_ms   Int64,
    ingested_ms   Int64
)
ENGINE = ReplacingMergeTree(ingested_ms)
PARTITION BY toYYYYMM(ts)
ORDER BY (shop_id, order_id, ts_ms, event_id)
