-- buyer_reply_daily: 回复率 per buyer, as the shops' documents define it: buyers answered / buyers
-- who asked, per shop-local day (the day of each turn's start), from turns.
--   scope 'shop'  (agent_id '') every buyer with a turn that day; answered: one of them answered
--                 by a human
--   scope 'agent' the buyers with a turn credited to that agent that day (answered by them, or
--                 unanswered on a message routed to them); answered: one of those answered
-- A buyer asking on two days counts on each. Read from turns FINAL, so late corrections show.
CREATE VIEW IF NOT EXISTS buyer_reply_daily AS
SELECT shop_id, day, 'agent' AS scope, agent_id,
       uniqExact(buyer_id) AS asked_buyers,
       uniqExactIf(buyer_id, answered = 1 AND answered_by_bot = 0) AS answered_buyers
FROM turns FINAL
WHERE deleted = 0 AND agent_id != ''
GROUP BY shop_id, day, agent_id
UNION ALL
SELECT shop_id, day, 'shop' AS scope, '' AS agent_id,
       uniqExact(buyer_id) AS asked_buyers,
       uniqExactIf(buyer_id, answered = 1 AND answered_by_bot = 0) AS answered_buyers
FROM turns FINAL
WHERE deleted = 0
GROUP BY shop_id, day
