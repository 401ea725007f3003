-- after_sales_events: one row per status change of an after-sales case (AfterSalesEvent), written
-- by AfterSalesJob. The cost columns are what the shop paid out with this change (not running
-- totals): a case's cost is the sum over its rows, so a payout that arrives days later adds a row.
-- Unique by event_id: ReplacingMergeTree on (shop_id, case_id, ts_ms, event_id), all of which a
-- replayed event repeats, so a replay collapses to one row (read with FINAL for exact sums).
-- agent_id is '' while the case is unassigned.
CREATE TABLE IF NOT EXISTS after_sales_events
(
    event_id         String,
    case_id          String,
    order_id         String,
    shop_id          String,
    buyer_id         String,
    agent_id         String,
    type             String,
    reason           String,
    status           String,
    cost_cashback    Decimal(18, 2),
    cost_reship      Decimal(18, 2),
    cost_refund_only Decimal(18, 2),
    cost_deposit     Decimal(18, 2),
    currency         String,
    ts               DateTime DEFAULT toDateTime(intDiv(ts_ms, 1000)),
    ts_ms            Int64,
    kafka_ts_ms      Int64,
    ingested_ms      Int64
)
ENGINE = ReplacingMergeTree(ingested_ms)
PARTITION BY toYYYYMM(ts)
ORDER BY (shop_id, case_id, ts_ms, event_id)
