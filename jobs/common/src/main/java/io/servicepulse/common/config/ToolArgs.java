// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command line of a tool that also takes job options (DeadLetterReplay, the QA re-inspection):
 * its own flags are split off ({@code --flag value}, {@code --flag=value}, or a switch without a
 * value), the rest goes to {@link JobConfig}, which rejects keys it does not know. A job option's
 * value is handed over with it, so a value is never read as a flag.
 */
public final class ToolArgs {

  /**
   * What was given: each value flag's values in order, the switches, and the job options.
   *
   * @param values flag → its values, in the order given (absent if never given)
   */
  public record Split(Map<String, List<String>> values, Set<String> switches, JobConfig config) {

    /** Every value given for {@code flag}, in order; empty if none. */
    public List<String> all(String flag) {
      return values.getOrDefault(flag, List.of());
    }

    /** The value of {@code flag}, or null; an error if it was given more than once. */
    public String single(String flag) {
      List<String> given = all(flag);
      if (given.size() > 1) {
        throw new IllegalArgumentException(flag + " given twice");
      }
      return given.isEmpty() ? null : given.get(0);
    }

    public boolean has(String switchFlag) {
      return switches.contains(switchFlag);
    }
  }

  private ToolArgs() {}

  /**
   * Splits {@code args}; job options first parsed, so a mistyped flag is reported as the unknown
   * key it is.
   *
   * @throws IllegalArgumentException a flag without its value, a switch with one, an unknown key
   */
  public static Split split(
      String[] args, Map<String, String> env, Set<String> valueFlags, Set<String> switchFlags) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    Set<String> switches = new LinkedHashSet<>();
    List<String> jobArgs = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      int eq = arg.indexOf('=');
      String flag = eq >= 0 ? arg.substring(0, eq) : arg;
      if (switchFlags.contains(flag)) {
        if (eq >= 0) {
          throw new IllegalArgumentException(flag + " takes no value");
        }
        switches.add(flag);
      } else if (valueFlags.contains(flag)) {
        String value;
        if (eq >= 0) {
          value = arg.substring(eq + 1);
        } else if (i + 1 < args.length) {
          value = args[++i];
        } else {
          throw new IllegalArgumentException("missing value for " + flag);
        }
        values.computeIfAbsent(flag, k -> new ArrayList<>()).add(value);
      } else {
        jobArgs.add(arg);
        if (arg.startsWith("--") && eq < 0 && i + 1 < args.length) {
          jobArgs.add(args[++i]);
        }
      }
    }
    JobConfig config = JobConfig.fromArgs(jobArgs.toArray(String[]::new), env);
    return new Split(values, switches, config);
  }
}
