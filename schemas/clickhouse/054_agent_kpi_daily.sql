-- agent_kpi_daily: after-sales, rating and workload KPIs per (shop, agent, shop-local day), written
-- by AfterSalesJob and corrected (higher version) as revisions, payouts and status changes arrive.
-- Every column is a sum, so days roll up to months and agents to the shop exactly; rates are
-- quotients of sums (README metric catalogue). agent_id '' = no agent named.
-- Ratings and reviews count in their latest revision on the day of their first, for the latest
-- revision's agent (a modification moves the rating, retract + add). After-sales cases count on the
-- day they were opened for their handling agent, payouts included (a payout days later corrects
-- the opening day). Transfers count on their day; status time is split at midnight.
-- Unique by (shop_id, day, agent_id): ReplacingMergeTree(version) keeps the latest (read FINAL).
CREATE TABLE IF NOT EXISTS agent_kpi_daily
(
    shop_id               String,
    agent_id              String,
    day                   Date,
    service_ratings       Int64,
    product_reviews       Int64,
    bad                   Int64,
    middling              Int64,
    good                  Int64,
    agent_responsible     Int64,
    invited               Int64,
    modified              Int64,
    bad_or_middling_first Int64,
    modified_to_good      Int64,
    cases                 Int64,
    agreed                Int64,
    rejected              Int64,
    escalated             Int64,
    closed                Int64,
    paid_cases            Int64,
    handling_ms           Int64,
    cost_cashback         Decimal(18, 2),
    cost_reship           Decimal(18, 2),
    cost_refund_only      Decimal(18, 2),
    cost_deposit          Decimal(18, 2),
    transfers_out         Int64,
    transfers_in          Int64,
    online_ms             Int64,
    busy_ms               Int64,
    away_ms               Int64,
    version               UInt64,
    inserted_ms           Int64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(day)
ORDER BY (shop_id, day, agent_id)
