// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.job;

import io.servicepulse.common.config.JobConfig;
import io.servicepulse.common.config.ToolArgs;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command line of {@link Reinspect}: its own flags, split off before the rest goes to {@link
 * JobConfig} ({@link ToolArgs}), as DeadLetterReplay's.
 */
record ReinspectOptions(
    List<String> shops, LocalDate from, LocalDate to, boolean dryRun, JobConfig config) {

  /** At most this many days in one run: a run reads one shop-day at a time, but it is one run. */
  static final int MAX_DAYS = 400;

  static final String USAGE =
      """
      用法 usage: reinspect.sh --shop SHOP [--shop SHOP ...] --from YYYY-MM-DD --to YYYY-MM-DD
                  [--dry-run] [job options: --config FILE, --clickhouse.url ..., --qa.model-root ...,
                  --qa.shop-hotlines ..., --events.time-zone ..., --events.shop-time-zones ...,
                  SERVICEPULSE_* variables]
        --shop S       店铺 shop id (repeatable)
        --from D       起始日 first shop-local day (the shop's zone, as qa_flags.day), inclusive
        --to D         结束日 last shop-local day, inclusive
        --dry-run      只统计不写入 count and list what would change, write nothing
      用当前质检器重新检查已存储的消息：写入现在触发的标记，为不再触发的旧标记写入撤回行（墓碑）。
      Re-inspects the stored messages with the current inspector: writes the flags that fire now and
      a tombstone (retracted = 1) for each stored flag that no longer fires. Verdicts are untouched.
      """;

  /** A command line that cannot be run as given: exit code 2. */
  static final class UsageException extends Exception {
    UsageException(String message) {
      super(message);
    }
  }

  static ReinspectOptions parse(String[] args, Map<String, String> env) throws UsageException {
    ToolArgs.Split split;
    String from;
    String to;
    try {
      split = ToolArgs.split(args, env, Set.of("--shop", "--from", "--to"), Set.of("--dry-run"));
      from = split.single("--from");
      to = split.single("--to");
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    LinkedHashSet<String> shops = new LinkedHashSet<>();
    for (String shop : split.all("--shop")) {
      if (shop.isBlank()) {
        throw new UsageException("--shop needs a shop id");
      }
      shops.add(shop.strip());
    }
    if (shops.isEmpty()) {
      throw new UsageException("choose the shops with --shop SHOP");
    }
    LocalDate first = date("--from", from);
    LocalDate last = date("--to", to);
    if (last.isBefore(first)) {
      throw new UsageException("--to " + last + " is before --from " + first);
    }
    if (first.plusDays(MAX_DAYS).isBefore(last.plusDays(1))) {
      throw new UsageException("at most " + MAX_DAYS + " days in one run; split the range");
    }
    return new ReinspectOptions(
        List.copyOf(shops), first, last, split.has("--dry-run"), split.config());
  }

  private static LocalDate date(String flag, String value) throws UsageException {
    if (value == null || value.isBlank()) {
      throw new UsageException(flag + " YYYY-MM-DD is required");
    }
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new UsageException(flag + " must be a date YYYY-MM-DD, not '" + value + "'");
    }
  }
}
