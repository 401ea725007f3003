-- messages.no_reply_needed: 1 for a BUYER message that needs no reply (events.no-reply-needed:
-- thanks, OK, emoji by default), as IngestJob judged it when it wrote the row. The live floor's
-- message-based waiting panels skip these, as ServiceMetricsJob's turns and alerts do: a buyer who
-- says “好的，谢谢” after an answer is not waiting. Rows written before this column read 0.
-- ClickHouse 18.16 has no ADD COLUMN IF NOT EXISTS; schema_migrations applies this once.
ALTER TABLE messages ADD COLUMN no_reply_needed UInt8 DEFAULT 0 AFTER conversation_id
