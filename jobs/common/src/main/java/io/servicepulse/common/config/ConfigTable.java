// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.config;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.description.HtmlFormatter;

/**
 * The configuration table of the README, straight from the options: the shared ones and every job's
 * on the classpath, so run it where every job is (tools/demo). {@code ConfigTable} prints it;
 * {@code ConfigTable --write README.md} replaces the table between the README's markers.
 */
public final class ConfigTable {

  public static final String START = "<!-- config-table:start -->\n";
  public static final String END = "<!-- config-table:end -->";

  private ConfigTable() {}

  public static void main(String[] args) throws java.io.IOException {
    if (args.length == 2 && args[0].equals("--write")) {
      java.nio.file.Path readme = java.nio.file.Path.of(args[1]);
      java.nio.file.Files.writeString(
          readme, withTable(java.nio.file.Files.readString(readme), markdown()));
      return;
    }
    System.out.print(markdown());
  }

  /** {@code document} with the text between the markers replaced by {@code table}. */
  public static String withTable(String document, String table) {
    int start = document.indexOf(START);
    int end = document.indexOf(END);
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("no " + START.strip() + " ... " + END + " markers");
    }
    return document.substring(0, start + START.length()) + table + document.substring(end);
  }

  public static String markdown() {
    StringBuilder out = new StringBuilder();
    out.append("| key | default | environment variable | description |\n");
    out.append("|---|---|---|---|\n");
    for (ConfigOption<?> option : JobConfig.everyOption()) {
      out.append("| `")
          .append(option.key())
          .append("` | ")
          .append(
              option.hasDefaultValue()
                  // A '|' would end the table cell, even inside a code span (GFM).
                  ? "`" + format(option.defaultValue()).replace("|", "\\|") + "`"
                  : "—")
          .append(" | `")
          .append(JobConfig.envName(option.key()))
          .append("` | ")
          .append(description(option).replace("|", "\\|"))
          .append(" |\n");
    }
    return out.toString();
  }

  /** Option descriptions here are single plain-text blocks; undo the formatter's escaping. */
  static String description(ConfigOption<?> option) {
    return new HtmlFormatter()
        .format(option.description())
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
  }

  private static String format(Object value) {
    if (value instanceof java.util.List<?> list) {
      // Flink's syntax for a list value: items separated by ';'.
      return String.join(";", list.stream().map(ConfigTable::format).toList());
    }
    if (value instanceof java.time.Duration d) {
      return org.apache.flink.util.TimeUtils.formatWithHighestUnit(d);
    }
    return String.valueOf(value);
  }
}
