// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.dashboards;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns a panel's SQL into what ClickHouse receives from Grafana with the official plugin
 * (grafana-clickhouse-datasource v4), in the plugin's order:
 *
 * <ol>
 *   <li>frontend {@code $__conditionalAll(phrase, $var)}: {@code 1=1} when the variable is "All" or
 *       empty, else the phrase (CHDatasource.applyConditionalAll);
 *   <li>Grafana's template variables: {@code $var}, {@code ${var}}, {@code ${var:format}}, {@code
 *       [[var]]}; the plugin's default format quotes array values ({@code 'a','b'}, no escaping)
 *       and passes single values raw; {@code sqlstring} quotes and doubles single quotes;
 *   <li>backend macros (sqlds regex {@code \$__name(?:\((.*?)\))?}, pkg/macros/macros.go): only
 *       those whose expansion runs on ClickHouse 18.16.1 are accepted: {@code $__timeFilter(col)} →
 *       {@code col >= toDateTime(from) AND col <= toDateTime(to)}, {@code $__fromTime}, {@code
 *       $__toTime} → {@code toDateTime(epochSeconds)}, {@code $__interval_s} → the interval in
 *       whole seconds, at least 1.
 * </ol>
 *
 * Any other {@code $__} macro is refused: timeInterval, the _ms macros and friends expand to
 * toStartOfInterval or DateTime64 calls that ClickHouse 18.16.1 lacks.
 */
public final class PanelQueryExpander {

  /** Backend macros whose expansion ClickHouse 18.16.1 accepts. */
  public static final Set<String> PORTABLE_MACROS =
      Set.of("timeFilter", "fromTime", "toTime", "interval_s");

  /** Handled by the plugin's frontend before template variables. */
  public static final String CONDITIONAL_ALL = "conditionalAll";

  private static final String CONDITIONAL_ALL_CALL = "$__conditionalAll(";
  private static final Pattern VARIABLE =
      Pattern.compile(
          "\\$(\\w+)|\\[\\[(\\w+?)(?::(\\w+))?\\]\\]|\\$\\{(\\w+)(?:\\.([^:^}]+))?(?::([^}]+))?\\}");
  private static final Pattern CONDITIONAL_VAR =
      Pattern.compile("(?<=\\$\\{)[\\w\\d]+(?=\\})|(?<=\\$)[\\w\\d]+");
  private static final Pattern MACRO = Pattern.compile("\\$__(\\w+)(?:\\((.*?)\\))?");

  /** The value of a variable: its values and whether the user picked "All". */
  public record Selection(List<String> values, boolean all, boolean multi) {
    public static Selection single(String value) {
      return new Selection(List.of(value), false, false);
    }

    public static Selection of(List<String> values) {
      return new Selection(List.copyOf(values), false, true);
    }

    public static Selection allOf(List<String> options) {
      return new Selection(List.copyOf(options), true, true);
    }

    /** current.value.toString() in the browser: "$__all" for All, else values joined by ','. */
    String currentValueString() {
      return all ? "$__all" : String.join(",", values);
    }
  }

  private final Instant from;
  private final Instant to;
  private final long intervalSeconds;
  private final Map<String, Selection> variables;

  public PanelQueryExpander(
      Instant from, Instant to, long intervalSeconds, Map<String, Selection> variables) {
    this.from = from;
    this.to = to;
    this.intervalSeconds = Math.max(intervalSeconds, 1);
    this.variables = variables;
  }

  public String expand(String rawSql) {
    String sql = applyConditionalAll(rawSql);
    sql = replaceVariables(sql);
    return applyMacros(sql);
  }

  String applyConditionalAll(String sql) {
    int index = sql.lastIndexOf(CONDITIONAL_ALL_CALL);
    while (index != -1) {
      List<String> args = macroArgs(sql, index + CONDITIONAL_ALL_CALL.length() - 1);
      if (args.size() != 2) {
        return sql; // the plugin gives up the same way
      }
      String phrase = args.get(0);
      Matcher var = CONDITIONAL_VAR.matcher(args.get(1).trim());
      if (var.find()) {
        Selection selection = variables.get(var.group());
        String value = selection == null ? "" : selection.currentValueString();
        if (value.isEmpty() || value.equals("$__all")) {
          phrase = "1=1";
        }
      }
      sql = sql.replace(CONDITIONAL_ALL_CALL + args.get(0) + "," + args.get(1) + ")", phrase);
      index = sql.lastIndexOf(CONDITIONAL_ALL_CALL);
    }
    return sql;
  }

  /** CHDatasource.getMacroArgs: split at depth-1 commas up to the matching ')'. */
  private static List<String> macroArgs(String sql, int openParen) {
    List<String> args = new ArrayList<>();
    String rest = sql.substring(openParen);
    int depth = 0;
    int lastArgEnd = 1;
    for (int i = 0; i < rest.length(); i++) {
      char c = rest.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c != ',') {
        continue;
      }
      if (c == ',' && depth == 1) {
        args.add(rest.substring(lastArgEnd, i));
        lastArgEnd = i + 1;
      }
      if (depth == 0) {
        args.add(rest.substring(lastArgEnd, i));
        return args;
      }
    }
    return List.of();
  }

  String replaceVariables(String sql) {
    Matcher m = VARIABLE.matcher(sql);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(4);
      String format = m.group(3) != null ? m.group(3) : m.group(6);
      Selection selection = variables.get(name);
      String replacement = selection == null ? m.group() : format(selection, format);
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String format(Selection s, String format) {
    if (format == null) {
      // CHDatasource.format: arrays quoted without escaping, single values raw.
      return s.multi() || s.all()
          ? s.values().stream().map(v -> "'" + v + "'").collect(Collectors.joining(","))
          : s.values().get(0);
    }
    return switch (format) {
      case "sqlstring" ->
          s.values().stream()
              .map(v -> "'" + v.replace("'", "''") + "'")
              .collect(Collectors.joining(","));
      case "csv", "raw" -> String.join(",", s.values());
      default -> throw new IllegalArgumentException("variable format not emulated: " + format);
    };
  }

  String applyMacros(String sql) {
    Matcher m = MACRO.matcher(sql);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      if (!PORTABLE_MACROS.contains(name)) {
        throw new IllegalArgumentException(
            "$__" + name + " is not allowed: its expansion does not run on ClickHouse 18.16.1");
      }
      List<String> args = new ArrayList<>();
      if (m.group(2) != null) {
        for (String a : m.group(2).split(",", -1)) {
          args.add(a.trim());
        }
      }
      m.appendReplacement(out, Matcher.quoteReplacement(macro(name, args)));
    }
    m.appendTail(out);
    return out.toString();
  }

  private String macro(String name, List<String> args) {
    String fromSql = "toDateTime(" + from.getEpochSecond() + ")";
    String toSql = "toDateTime(" + to.getEpochSecond() + ")";
    return switch (name) {
      case "timeFilter" -> {
        if (args.size() != 1) {
          throw new IllegalArgumentException(
              "$__timeFilter: expected 1 argument, received " + args.size());
        }
        String col = args.get(0);
        yield col + " >= " + fromSql + " AND " + col + " <= " + toSql;
      }
      case "fromTime" -> fromSql;
      case "toTime" -> toSql;
      case "interval_s" -> Long.toString(intervalSeconds);
      default -> throw new IllegalStateException(name);
    };
  }
}
