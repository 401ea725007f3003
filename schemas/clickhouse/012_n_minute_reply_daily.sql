-- n_minute_reply_daily: the platforms' per-buyer N-minute human reply rate (人工N分钟回复率) of one
-- shop-local day, written by ServiceMetricsJob. Only turns that start inside business hours count.
-- scope 'shop' (agent_id ''): reached_buyers = buyers with a turn answered by a human, missed_buyers
-- = reached buyers with a turn not answered by a human within N (unanswered included).
-- scope 'agent': reached_buyers = buyers that agent answered, missed_buyers = those of them with a
-- turn credited to that agent not answered within N. Rate = (reached - missed) / reached.
-- Distinct buyers: shop rows are not the sum of agent rows.
-- Unique by (shop_id, day, scope, agent_id): each write is the whole row with a higher version.
-- Read with FINAL (or argMax(..., version)); a row corrected down to reached_buyers = 0 is kept.
CREATE TABLE IF NOT EXISTS n_minute_reply_daily
(
    shop_id        String,
    day            Date,
    scope          String,
    agent_id       String,
    reached_buyers UInt64,
    missed_buyers  UInt64,
    version        UInt64,
    emitted_ms     Int64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(day)
ORDER BY (shop_id, day, scope, agent_id)
