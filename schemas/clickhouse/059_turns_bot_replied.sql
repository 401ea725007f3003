-- turns.bot_replied: 1 when a BOT message (auto-reply, quick-reply robot) came while the turn
-- waited (机器人接待); such a turn with a human answer (answered = 1, answered_by_bot = 0) is a
-- bot → human hand-off (机器人转人工). Bot share of a shop's day = sum(bot_replied) / count() over
-- turns FINAL WHERE deleted = 0. Rows written before this column read 0.
-- ClickHouse 18.16 has no ADD COLUMN IF NOT EXISTS; schema_migrations applies this once.
ALTER TABLE turns ADD COLUMN bot_replied UInt8 DEFAULT 0 AFTER answered_by_bot
