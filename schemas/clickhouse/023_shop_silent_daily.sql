-- shop_silent_daily: one row per (shop, shop-local day) of silent orders (静默下单: no agent answered
-- the buyer within the inquiry validity before the decision), written by AttributionJob and
-- corrected as payments and refunds arrive. silent_orders on the decision day, silent_sales on the
-- payment day, refunds on the refund day; net silent sales = silent_sales - silent_refund_amount.
-- Unique by (shop_id, day): ReplacingMergeTree(version) keeps the latest (read with FINAL).
CREATE TABLE IF NOT EXISTS shop_silent_daily
(
    shop_id                String,
    day                    Date,
    silent_orders          Int64,
    silent_paid_orders     Int64,
    silent_sales           Decimal(18, 2),
    silent_refunded_orders Int64,
    silent_refund_amount   Decimal(18, 2),
    version                UInt64,
    inserted_ms            Int64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(day)
ORDER BY (shop_id, day)
