-- agent_events: one row per agent status change or transfer of a buyer (AgentEvent), written by
-- AfterSalesJob. kind STATUS: status is the agent's new status, buyer_id and to_agent_id are '';
-- kind TRANSFER (转接): agent_id handed buyer_id to to_agent_id, status is ''.
-- Unique by event_id: ReplacingMergeTree on (shop_id, agent_id, ts_ms, event_id), all of which a
-- replayed event repeats, so a replay collapses to one row (read with FINAL for exact counts).
CREATE TABLE IF NOT EXISTS agent_events
(
    event_id    String,
    shop_id     String,
    team_id     String,
    agent_id    String,
    kind        String,
    status      String,
    buyer_id    String,
    to_agent_id String,
    ts          DateTime DEFAULT toDateTime(intDiv(ts_ms, 1000)),
    ts_ms       Int64,
    kafka_ts_ms Int64,
    ingested_ms Int64
)
ENGINE = ReplacingMergeTree(ingested_ms)
PARTITION BY toYYYYMM(ts)
ORDER BY (shop_id, agent_id, ts_ms, event_id)
