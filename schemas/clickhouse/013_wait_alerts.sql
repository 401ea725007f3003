-- wait_alerts: waiting-buyer alerts (买家等待告警), written by ServiceMetricsJob the moment a turn has
-- waited longer than each threshold of metrics.wait-alerts (30 s, 100 s, 3 min by default) without
-- an answer. One row per (turn, threshold), upserted by version: status WAITING while the buyer
-- still waits, then ANSWERED (answer_ms, waited_ms) or UNANSWERED (reply timeout or the
-- conversation ended); deleted = 1 if a late message showed the buyer had not waited that long.
-- Read with FINAL and WHERE deleted = 0. agent_id: the agent the buyer is routed to while waiting,
-- the answering agent once answered ('' = not routed). emitted_ms is when the row was inserted, so
-- emitted_ms - (turn_start_ms + threshold_ms) of a WAITING row is the alert's delay while live. The same rows go to the Kafka topic kafka.alerts-topic.
CREATE TABLE IF NOT EXISTS wait_alerts
(
    alert_id      String,
    turn_id       String,
    platform      String,
    shop_id       String,
    team_id       String,
    agent_id      String,
    buyer_id      String,
    day           Date,
    turn_start    DateTime DEFAULT toDateTime(intDiv(turn_start_ms, 1000)),
    turn_start_ms Int64,
    threshold_ms  Int64,
    status        String,
    answer_ms     Int64,
    waited_ms     Int64,
    deleted       UInt8,
    version       UInt64,
    emitted_ms    Int64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(day)
ORDER BY (shop_id, day, buyer_id, turn_start_ms, turn_id, threshold_ms)
