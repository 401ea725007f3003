-- messages: one row per chat message (ChatMessage event), written by IngestJob.
-- Unique by event_id: ReplacingMergeTree on (shop_id, buyer_id, ts_ms, event_id), all of which
-- a replayed event repeats, so a replay collapses to one row (read with FINAL for exact counts).
-- ts (seconds, for partitions and Grafana time filters) is derived from ts_ms by the server.
-- Nullable ids are stored as '' (agent_id of an unrouted buyer message, team_id, conversation_id).
CREATE TABLE IF NOT EXISTS messages
(
    event_id        String,
    platform        String,
    shop_id         String,
    team_id         String,
    agent_id        String,
    buyer_id        String,
    sender_role     String,
    text            String,
    conversation_id String,
    ts              DateTime DEFAULT toDateTime(intDiv(ts_ms, 1000)),
    ts_ms           Int64,
    kafka_ts_ms     Int64,
    ingested_ms     Int64
)
ENGINE = ReplacingMergeTree(ingested_ms)
PARTITION BY toYYYYMM(ts)
ORDER BY (shop_id, buyer_id, ts_ms, event_id)
