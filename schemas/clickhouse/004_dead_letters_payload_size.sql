-- dead_letters.payload_bytes: the original payload length; payload_base64 keeps at most the first
-- 64 KiB, the full bytes stay at the letter's Kafka address. 0 for letters recorded before this.
ALTER TABLE dead_letters ADD COLUMN IF NOT EXISTS payload_bytes Int64 DEFAULT 0;
