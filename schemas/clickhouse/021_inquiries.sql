-- inquiries: one row per (shop, buyer, shop-local day) on which agents answered the buyer, written
-- by AttributionJob. is_inquiry = 1 if at least one answer was not preceded by an order of the
-- buyer within the inquiry validity (询单); then first_inquiry_ms is the first such answer and
-- ordered / paid_next_day / paid_in_validity say whether it converted (corrected as orders arrive).
-- Unique by (shop_id, day, buyer_id): ReplacingMergeTree(version) keeps the latest (read with FINAL).
CREATE TABLE IF NOT EXISTS inquiries
(
    shop_id            String,
    buyer_id           String,
    day                Date,
    is_inquiry         UInt8,
    first_inquiry_ms   Int64,
    answered_agent_ids Array(String),
    inquiry_agent_ids  Array(String),
    ordered            UInt8,
    paid_next_day      UInt8,
    paid_in_validity   UInt8,
    version            UInt64,
    inserted_ms        Int64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(day)
ORDER BY (shop_id, day, buyer_id)
