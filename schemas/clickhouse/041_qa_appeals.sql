-- qa_appeals: one row per appeal (申诉) an agent filed against a confirmed flag of their own, in the
-- review console. An agent appeals a message once: the console refuses a second appeal. Unique by
-- appeal_id; ReplacingMergeTree(filed_ms) on (shop_id, message_id, appeal_id), so a retried insert
-- collapses. The decision is not here: it is a qa_verdicts row of kind 'appeal_decision' with this
-- appeal_id.
CREATE TABLE IF NOT EXISTS qa_appeals
(
    appeal_id  String,
    message_id String,
    shop_id    String,
    agent_id   String,
    filed_by   String,
    reason     String,
    filed_at   DateTime DEFAULT toDateTime(intDiv(filed_ms, 1000)),
    filed_ms   Int64
)
ENGINE = ReplacingMergeTree(filed_ms)
PARTITION BY toYYYYMM(filed_at)
ORDER BY (shop_id, message_id, appeal_id)
