-- qa_daily: flag counts per (shop, team, agent, sender role, shop-local day, category, severity),
-- computed by ClickHouse from qa_flags FINAL at query time. A view rather than a second stream of
-- upserts: it can never disagree with the flags the QA team reviews, and replays cannot
-- double-count. agent_id '' = a buyer message not routed to an agent.
CREATE VIEW IF NOT EXISTS qa_daily AS
SELECT
    shop_id,
    team_id,
    agent_id,
    sender_role,
    day,
    category,
    severity,
    count() AS flags,
    uniqExact(message_id) AS messages
FROM qa_flags FINAL
GROUP BY shop_id, team_id, agent_id, sender_role, day, category, severity
