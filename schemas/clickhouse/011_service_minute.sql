-- service_minute: the service figures of one (shop, team, agent, minute), written by
-- ServiceMetricsJob. A turn counts in the minute it started, credited to its answering agent (an
-- unanswered turn: the routed agent, agent_id '' = the shop); a conversation counts in the minute
-- of its first turn, credited as that turn; an agent message in its own minute. Sums and counts
-- only, so every roll-up (team, day, month) is exact: average response = response_ms_sum /
-- response_ms_count, first response = first_response_ms_sum / first_response_count, reply rate =
-- conversations_with_human_answer / conversations; max is the max of the minute.
-- Unique by (shop_id, team_id, agent_id, minute): each write is the whole row with a higher
-- version, so a late correction replaces it. Read with FINAL (or argMax(..., version)).
-- minute is UTC-aligned epoch time; day is its shop-local day (metrics.time-zone).
CREATE TABLE IF NOT EXISTS service_minute
(
    shop_id                         String,
    team_id                         String,
    agent_id                        String,
    minute                          DateTime DEFAULT toDateTime(intDiv(minute_ms, 1000)),
    minute_ms                       Int64,
    day                             Date,
    turns                           UInt64,
    answered                        UInt64,
    unanswered                      UInt64,
    slow                            UInt64,
    response_ms_sum                 UInt64,
    response_ms_count               UInt64,
    response_ms_max                 UInt64,
    answered_within_30s             UInt64,
    answered_within_60s             UInt64,
    answered_within_180s            UInt64,
    first_response_ms_sum           UInt64,
    first_response_count            UInt64,
    conversations                   UInt64,
    conversations_with_human_answer UInt64,
    agent_messages                  UInt64,
    version                         UInt64,
    emitted_ms                      Int64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(minute)
ORDER BY (shop_id, team_id, agent_id, minute)
