-- qa_verdicts: one row per decision a person made on a flagged message in the review console
-- (review/): a reviewer's or QA lead's verdict (kind 'verdict': decision confirm | false_alarm |
-- unsure) or a QA lead's decision on an appeal (kind 'appeal_decision', appeal_id set; decision
-- confirm = upheld, false_alarm = overturned). Append-only: a later row never replaces an earlier
-- one, every row is the audit trail; views take the latest row of a message by (decided_ms,
-- verdict_id). Unique by verdict_id (random, written once, part of the sorting key): the
-- ReplacingMergeTree only collapses a retried insert of the same row. severity_override 0 = none;
-- category_correction '' = none. audit holds where the decision came from (role, client address).
CREATE TABLE IF NOT EXISTS qa_verdicts
(
    verdict_id          String,
    message_id          String,
    shop_id             String,
    agent_id            String,
    kind                String,
    decision            String,
    severity_override   UInt8,
    category_correction String,
    comment             String,
    reviewer            String,
    appeal_id           String,
    audit               String,
    decided_at          DateTime DEFAULT toDateTime(intDiv(decided_ms, 1000)),
    decided_ms          Int64
)
ENGINE = ReplacingMergeTree(decided_ms)
PARTITION BY toYYYYMM(decided_at)
ORDER BY (shop_id, message_id, decided_ms, verdict_id)
