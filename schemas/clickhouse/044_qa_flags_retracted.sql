-- qa_flags.retracted: 1 on a tombstone, the row that retracts a flag which no longer fires after
-- the inspector changed (jobs/qa/reinspect.sh). A tombstone keeps the flag's key and content (rule,
-- category, span, text), carries the inspector_version that no longer raises it and a greater
-- inspected_ms than the row it replaces, so the ReplacingMergeTree keeps it over that row; a later
-- inspection that raises the flag again writes retracted = 0 with a greater inspected_ms still.
-- Readers of current flags take qa_flags FINAL WHERE retracted = 0 (WHERE, never PREWHERE: a
-- PREWHERE is applied before FINAL and would let the replaced row through). Verdicts stay linked
-- by message_id: a verdict on a retracted flag remains in qa_verdicts, its audit trail.
-- ClickHouse 18.16 has no ADD COLUMN IF NOT EXISTS; schema_migrations applies this once.
ALTER TABLE qa_flags ADD COLUMN retracted UInt8 DEFAULT 0
