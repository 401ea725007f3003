-- turns: one row per buyer turn (一次咨询), written by ServiceMetricsJob: who is credited, when it
-- started and was answered, response time and the flags the metrics count (first turn of its
-- conversation, inside business hours, slow, answered by a human within N).
-- Unique by turn_id, the event_id of the buyer message that opened the turn: ReplacingMergeTree
-- (version) on (shop_id, day, buyer_id, turn_start_ms, turn_id), all fixed by the turn id, so a
-- replay or a late correction (higher version) replaces the row. A turn a late event dissolved is
-- re-sent with deleted = 1. Read with FINAL and WHERE deleted = 0; percentiles of response_ms come
-- from here (quantiles over answered turns).
-- agent_id '' = credited to the shop (unanswered, never routed); answer_ms and response_ms are -1
-- for an unanswered turn. day is the shop-local day of the start (metrics.time-zone).
CREATE TABLE IF NOT EXISTS turns
(
    turn_id               String,
    conversation_id       String,
    platform              String,
    shop_id               String,
    team_id               String,
    agent_id              String,
    buyer_id              String,
    day                   Date,
    turn_start            DateTime DEFAULT toDateTime(intDiv(turn_start_ms, 1000)),
    turn_start_ms         Int64,
    answer_ms             Int64,
    response_ms           Int64,
    answered              UInt8,
    answered_by_bot       UInt8,
    first_of_conversation UInt8,
    business_hours        UInt8,
    slow                  UInt8,
    within_n              UInt8,
    deleted               UInt8,
    version               UInt64,
    emitted_ms            Int64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(day)
ORDER BY (shop_id, day, buyer_id, turn_start_ms, turn_id)
