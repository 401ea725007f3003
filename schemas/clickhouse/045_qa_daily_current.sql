-- qa_daily, recreated to count current flags only: tombstones (qa_flags.retracted = 1, 044) are
-- flags a newer inspector no longer raises. Same columns as 031; a view holds no data.
DROP TABLE IF EXISTS qa_daily;
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
WHERE retracted = 0
GROUP BY shop_id, team_id, agent_id, sender_role, day, category, severity
