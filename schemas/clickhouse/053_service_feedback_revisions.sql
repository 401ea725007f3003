-- service_feedback_revisions: one row per ServiceFeedback event, i.e. every revision of a rating or
-- review, written by AfterSalesJob. service_feedback holds only the latest revision; this table
-- also has the first, so 中差评修改 (a rating bad or middling at revision 0, good now) is a query.
-- Unique by event_id: ReplacingMergeTree on (shop_id, feedback_id, revision, event_id), all of
-- which a replayed event repeats, so a replay collapses to one row (read with FINAL).
-- agent_id is '' when the feedback names none.
CREATE TABLE IF NOT EXISTS service_feedback_revisions
(
    shop_id        String,
    feedback_id    String,
    revision       UInt32,
    event_id       String,
    kind           String,
    agent_id       String,
    rating         UInt8,
    responsibility String,
    ts             DateTime DEFAULT toDateTime(intDiv(ts_ms, 1000)),
    ts_ms          Int64,
    kafka_ts_ms    Int64,
    ingested_ms    Int64
)
ENGINE = ReplacingMergeTree(ingested_ms)
PARTITION BY toYYYYMM(ts)
ORDER BY (shop_id, feedback_id, revision, event_id)
