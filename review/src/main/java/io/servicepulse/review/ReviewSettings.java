// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review;

import io.servicepulse.common.config.JobConfig;
import io.servicepulse.review.score.Deductions;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The console's own options ({@code review.*}), read like the jobs' options: defaults, then
 * environment ({@code SERVICEPULSE_REVIEW_PORT}, ...), then {@code --review.port 8090} arguments.
 * Every other argument is left for {@link JobConfig} (ClickHouse connection).
 */
public record ReviewSettings(
    String bind,
    int port,
    ZoneId zone,
    boolean secureCookies,
    int loginMaxFailures,
    Duration loginWindow,
    Duration sessionIdle,
    Deductions deductions) {

  /** key → (default, description); the README's table lists the same keys. */
  public static final Map<String, String[]> KEYS = new LinkedHashMap<>();

  static {
    KEYS.put("review.bind", new String[] {"127.0.0.1", "address the console listens on"});
    KEYS.put("review.port", new String[] {"8090", "HTTP port; 0 = any free port"});
    KEYS.put("review.time-zone", new String[] {"Asia/Shanghai", "zone of times and day filters"});
    KEYS.put(
        "review.secure-cookies",
        new String[] {"false", "mark the session cookie Secure (set true behind HTTPS)"});
    KEYS.put(
        "review.login-max-failures",
        new String[] {"5", "failed logins per username (x6 per client address) in the window"});
    KEYS.put("review.login-window-seconds", new String[] {"900", "the login rate limit's window"});
    KEYS.put("review.session-idle-minutes", new String[] {"480", "idle time that ends a session"});
    KEYS.put(
        "review.deductions",
        new String[] {Deductions.DEFAULTS, "deduction points (扣分) per confirmed category"});
  }

  /** The settings, and the arguments that are not {@code review.*} (for {@link JobConfig}). */
  public record Parsed(ReviewSettings settings, String[] rest) {}

  public static Parsed parse(String[] args, Map<String, String> env) {
    Map<String, String> values = new LinkedHashMap<>();
    KEYS.forEach((key, spec) -> values.put(key, env.getOrDefault(JobConfig.envName(key), spec[0])));
    List<String> rest = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--review.")) {
        rest.add(arg);
        continue;
      }
      String key = arg.substring(2);
      String value;
      int eq = key.indexOf('=');
      if (eq >= 0) {
        value = key.substring(eq + 1);
        key = key.substring(0, eq);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new IllegalArgumentException("missing value for --" + key);
      }
      if (!KEYS.containsKey(key)) {
        throw new IllegalArgumentException("unknown option --" + key + "; see review/README.md");
      }
      values.put(key, value);
    }
    ReviewSettings settings =
        new ReviewSettings(
            values.get("review.bind"),
            Integer.parseInt(values.get("review.port")),
            ZoneId.of(values.get("review.time-zone")),
            Boolean.parseBoolean(values.get("review.secure-cookies")),
            Integer.parseInt(values.get("review.login-max-failures")),
            Duration.ofSeconds(Long.parseLong(values.get("review.login-window-seconds"))),
            Duration.ofMinutes(Long.parseLong(values.get("review.session-idle-minutes"))),
            Deductions.parse(values.get("review.deductions")));
    return new Parsed(settings, rest.toArray(String[]::new));
  }
}
