-- service_feedback: one row per rating or review (ServiceFeedback event), written by AfterSalesJob:
-- its current state, i.e. its highest revision (a review modified later, 中差评修改, is a new event
-- with a higher revision for the same feedback_id).
-- Unique by (shop_id, feedback_id): ReplacingMergeTree(version) keeps the highest version, where
-- version = revision * 2^32 + CRC-32 of event_id, so the highest revision wins whatever the order
-- of arrival, and two events of one revision (a producer error) resolve the same way every time.
-- Read with FINAL. Not partitioned, so a revision months later still replaces its row.
-- DSR dimensions are the parallel arrays dimension_names / dimension_scores (sorted by name).
-- Nullable ids are stored as '' (agent_id, order_id).
CREATE TABLE IF NOT EXISTS service_feedback
(
    shop_id          String,
    feedback_id      String,
    event_id         String,
    kind             String,
    platform         String,
    buyer_id         String,
    agent_id         String,
    order_id         String,
    rating           UInt8,
    dimension_names  Array(String),
    dimension_scores Array(UInt8),
    responsibility   String,
    invited          UInt8,
    revision         UInt32,
    ts               DateTime DEFAULT toDateTime(intDiv(ts_ms, 1000)),
    ts_ms            Int64,
    version          UInt64,
    kafka_ts_ms      Int64,
    ingested_ms      Int64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (shop_id, feedback_id)
