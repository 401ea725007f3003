-- agent_concurrency_daily: 接待压力 as buyers served at once, per (shop, agent, shop-local day).
-- An agent serves a buyer's conversation from the start of the first turn the agent answered in it
-- to the agent's last answer in it (turns answered by a human; closed interval, so a single answer
-- counts for its instant). A conversation counts on the day that interval starts.
--   peak_buyers  the most conversations the agent served at the same instant that day
--   served_ms    the sum of those intervals: / online_ms (agent_kpi_daily) = buyers served at once
--                on average while online
--   conversations the conversations the agent served
-- Read from turns FINAL, so a late correction or a retracted turn is reflected at once.
CREATE VIEW IF NOT EXISTS agent_concurrency_daily AS
SELECT
    shop_id,
    agent_id,
    day,
    toUInt64(arrayReduce('max', arrayCumSum(arrayMap(x -> if(x % 2 = 0, 1, -1),
        -- Each interval as two instants, 2·start (+1) and 2·end + 1 (−1): sorted, a start at the
        -- same millisecond as another's end comes first (closed intervals).
        arraySort(arrayConcat(groupArray(start_ms * 2), groupArray(end_ms * 2 + 1)))))))
        AS peak_buyers,
    toUInt64(sum(end_ms - start_ms)) AS served_ms,
    count() AS conversations
FROM
(
    SELECT shop_id, agent_id, buyer_id, conversation_id,
           min(day) AS day, min(turn_start_ms) AS start_ms, max(answer_ms) AS end_ms
    FROM turns FINAL
    WHERE deleted = 0 AND answered = 1 AND answered_by_bot = 0 AND agent_id != ''
    GROUP BY shop_id, agent_id, buyer_id, conversation_id
)
GROUP BY shop_id, agent_id, day
