package io.servicepulse.common.config;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.description.HtmlFormatter;

/** Prints the configuration table of the README as Markdown, straight from the options. */
public final class ConfigTable {

  private ConfigTable() {}

  public static void main(String[] args) {
    System.out.print(markdown());
  }

  public static String markdown() {
    StringBuilder out = new StringBuilder();
    out.append("| key | default | environment variable | description |\n");
    out.append("|---|---|---|---|\n");
    for (ConfigOption<?> option : ServicePulseOptions.all()) {
      out.append("| `")
          .append(option.key())
          .append("` | ")
          .append(option.hasDefaultValue() ? "`" + format(option.defaultValue()) + "`" : "—")
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
    if (value instanceof java.time.Duration d) {
      return org.apache.flink.util.TimeUtils.formatWithHighestUnit(d);
    }
    return String.valueOf(value);
  }
}
