-- qa_flags: one row per (message, rule) the quality inspector flagged, written by QaJob: who wrote
-- it (sender_role AGENT/BOT/BUYER; BUYER rows are abuse of the agent), category, severity 1-3
-- (lowered, never removed, when negated or quoting the other person: see mitigation), the rule,
-- the matched span as [span_start, span_end) character offsets into the message text, and the
-- text with phone numbers and addresses masked (masking keeps every offset valid).
-- Unique by (message_id, rule_id): ReplacingMergeTree(inspected_ms) on (shop_id, day, message_id,
-- rule_id), so a replay, or a re-inspection with a newer inspector_version, replaces the row.
-- day is the shop-local day of the message (shop.time-zone). Read with FINAL.
CREATE TABLE IF NOT EXISTS qa_flags
(
    message_id        String,
    rule_id           String,
    platform          String,
    shop_id           String,
    team_id           String,
    agent_id          String,
    buyer_id          String,
    conversation_id   String,
    sender_role       String,
    ts                DateTime DEFAULT toDateTime(intDiv(ts_ms, 1000)),
    ts_ms             Int64,
    day               Date,
    category          String,
    severity          UInt8,
    mitigation        String,
    language          String,
    span_start        UInt32,
    span_end          UInt32,
    matched_text      String,
    masked_text       String,
    inspector_version String,
    inspected_ms      Int64
)
ENGINE = ReplacingMergeTree(inspected_ms)
PARTITION BY toYYYYMM(day)
ORDER BY (shop_id, day, message_id, rule_id)
