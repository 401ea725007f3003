-- agent_conversion_daily: one row per (shop, team, agent, shop-local day), written by
-- AttributionJob and corrected (higher version) as answers, orders, payments and refunds arrive.
-- Inquiry measures count buyers on their inquiry day; owned/assisted orders on the decision day
-- (creation or payment, per the rule); owner sales on the payment day; refunds on the refund day;
-- follow-ups on the day of the agent's first follow-up answer. All columns are sums, so rows roll
-- up exactly: net sales = owner_sales - refund_amount; 客单价 = owner_sales / owner_paying_buyers.
-- Unique by (shop_id, day, team_id, agent_id): ReplacingMergeTree(version) keeps the latest (FINAL).
CREATE TABLE IF NOT EXISTS agent_conversion_daily
(
    shop_id                 String,
    team_id                 String,
    agent_id                String,
    day                     Date,
    inquiring_buyers        Int64,
    ordered_buyers          Int64,
    paid_next_day_buyers    Int64,
    paid_in_validity_buyers Int64,
    owned_orders            Int64,
    assisted_orders         Int64,
    assisted_follow_ups     Int64,
    owner_paid_orders       Int64,
    owner_sales             Decimal(18, 2),
    owner_paying_buyers     Int64,
    refunded_orders         Int64,
    refund_amount           Decimal(18, 2),
    version                 UInt64,
    inserted_ms             Int64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(day)
ORDER BY (shop_id, day, team_id, agent_id)
