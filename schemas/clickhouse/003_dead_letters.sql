-- dead_letters: one row per input the pipeline could not use, with why and where it came from.
-- stage: 'decode' (bytes that are not a known event), 'invalid' (decoded but breaks a rule),
-- 'late' (older than allowed lateness), 'sink' (rejected by ClickHouse).
-- Unique by dead_letter_id, derived from (job, stage, topic, partition, offset) or the event id,
-- so a replay after a restart does not add a second row. One partition, so replays collapse
-- even when they are recorded in another month.
CREATE TABLE IF NOT EXISTS dead_letters
(
    dead_letter_id String,
    job            String,
    stage          String,
    reason         String,
    error          String,
    source_topic   String,
    source_partition Int32,
    source_offset  Int64,
    event_id       String,
    payload_base64 String,
    recorded       DateTime DEFAULT toDateTime(intDiv(recorded_ms, 1000)),
    recorded_ms    Int64
)
ENGINE = ReplacingMergeTree(recorded_ms)
ORDER BY (job, stage, dead_letter_id)
