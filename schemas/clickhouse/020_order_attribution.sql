-- order_attribution: one row per order, written by AttributionJob and corrected as the order moves
-- on (paid, refunded, closed) or a late answer changes who answered first: the owner agent (落实),
-- assisting agents (协助下单), follow-up agents (协助跟进), the silent flag (静默下单), amount,
-- status times (epoch ms, 0 = not seen yet) and the rule that decided it.
-- Unique by (shop_id, order_id): ReplacingMergeTree(version) keeps the latest correction (read
-- with FINAL). Not partitioned, so a correction weeks later still replaces its row.
CREATE TABLE IF NOT EXISTS order_attribution
(
    shop_id             String,
    order_id            String,
    buyer_id            String,
    rule                String,
    decided             UInt8,
    silent              UInt8,
    decision_ms         Int64,
    owner_agent_id      String,
    owner_team_id       String,
    assist_agent_ids    Array(String),
    follow_up_agent_ids Array(String),
    amount              Decimal(18, 2),
    currency            String,
    status              String,
    created_ms          Int64,
    paid_ms             Int64,
    refunded_ms         Int64,
    closed_ms           Int64,
    created             DateTime DEFAULT toDateTime(intDiv(created_ms, 1000)),
    version             UInt64,
    inserted_ms         Int64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (shop_id, order_id)
