-- agent_teams: each agent's team as its latest agent event names it (AgentEvent.team_id), so the
-- per-agent KPI rows (agent_kpi_daily) roll up to teams: ratings and after-sales cases carry no
-- team of their own. Agents without agent events have no row (their team reads as '').
CREATE VIEW IF NOT EXISTS agent_teams AS
SELECT shop_id, agent_id, argMax(team_id, ts_ms) AS team_id
FROM agent_events
GROUP BY shop_id, agent_id
