// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.deadletter;

import io.servicepulse.common.config.JobConfig;
import io.servicepulse.common.config.ToolArgs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command line of {@link DeadLetterReplay}: its own flags, split off before the rest goes to
 * {@link JobConfig} (which rejects keys it does not know).
 */
record ReplayOptions(
    String where, List<String> ids, String toTopic, boolean dryRun, int limit, JobConfig config) {

  static final int DEFAULT_LIMIT = 10_000;

  static final String USAGE =
      """
      用法 usage: DeadLetterReplay (--where "EXPR" | --id DEAD_LETTER_ID ...) [--to-topic TOPIC]
                  [--dry-run] [--limit N] [job options: --config FILE, --kafka.bootstrap-servers ...,
                  --clickhouse.url ..., SERVICEPULSE_* variables]
        --where EXPR   ClickHouse 条件 condition over dead_letters columns,
                       e.g. "stage = 'invalid' AND reason = 'text too long'"
        --id ID        一封死信 one dead letter by dead_letter_id (repeatable; with --where: both hold)
        --to-topic T   目标 topic target topic (default: each letter's source_topic)
        --dry-run      只列出 only list what would be sent
        --limit N      最多 at most N dead letters (default 10000); more matches are refused
      """;

  /** A command line that cannot be run as given: exit code 2. */
  static final class UsageException extends Exception {
    UsageException(String message) {
      super(message);
    }
  }

  static ReplayOptions parse(String[] args, Map<String, String> env) throws UsageException {
    ToolArgs.Split split;
    String where;
    try {
      split =
          ToolArgs.split(
              args, env, Set.of("--where", "--id", "--to-topic", "--limit"), Set.of("--dry-run"));
      if (split.all("--where").size() > 1) {
        throw new UsageException("--where given twice; join the conditions with AND");
      }
      where = split.single("--where");
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    List<String> ids = split.all("--id");
    String toTopic = last(split.all("--to-topic"));
    if ((where == null || where.isBlank()) && ids.isEmpty()) {
      throw new UsageException("choose dead letters with --where EXPR or --id ID");
    }
    if (toTopic != null && toTopic.isBlank()) {
      throw new UsageException("--to-topic needs a topic name");
    }
    return new ReplayOptions(
        where == null || where.isBlank() ? null : where,
        List.copyOf(ids),
        toTopic,
        split.has("--dry-run"),
        parseLimit(last(split.all("--limit"))),
        split.config());
  }

  /** The last value given (a later flag overrides an earlier one), or null. */
  private static String last(List<String> given) {
    return given.isEmpty() ? null : given.get(given.size() - 1);
  }

  private static int parseLimit(String value) throws UsageException {
    if (value == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(value.strip());
      if (limit > 0) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException("--limit must be a positive whole number, not '" + value + "'");
  }

  /**
   * The query for the chosen letters, one row per dead_letter_id (FINAL), one row more than the
   * limit so that too many matches can be told apart from exactly the limit.
   */
  String selectSql() {
    List<String> conditions = new ArrayList<>();
    if (where != null) {
      conditions.add("(" + where + ")");
    }
    if (!ids.isEmpty()) {
      conditions.add(
          "dead_letter_id IN ("
              + String.join(", ", ids.stream().map(ReplayOptions::quote).toList())
              + ")");
    }
    return "SELECT dead_letter_id, job, stage, reason, source_topic, source_partition,"
        + " source_offset, payload_base64 FROM dead_letters FINAL WHERE "
        + String.join(" AND ", conditions)
        + " ORDER BY recorded_ms, dead_letter_id LIMIT "
        + (limit + 1L);
  }

  /** A ClickHouse string literal. */
  static String quote(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
