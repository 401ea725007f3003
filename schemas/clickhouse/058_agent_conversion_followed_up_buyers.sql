-- agent_conversion_daily.followed_up_buyers: 协助跟进人数, the distinct buyers the agent followed up
-- that shop-local day. A buyer counts on a day if any of the agent's follow-ups (of any of the
-- buyer's orders) is credited to it, by the day rule of assisted_follow_ups, which stays beside it
-- as the count per order. Each buyer's contribution to a row is 0 or 1, so the column is a sum like
-- the others and rolls up exactly (over days: buyer-days). Rows written before it existed read 0.
-- ClickHouse 18.16 has no ADD COLUMN IF NOT EXISTS; schema_migrations applies this once.
ALTER TABLE agent_conversion_daily ADD COLUMN followed_up_buyers Int64 DEFAULT 0 AFTER assisted_follow_ups
