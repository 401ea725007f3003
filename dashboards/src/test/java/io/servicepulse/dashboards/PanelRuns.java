// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.dashboards;

import io.servicepulse.dashboards.Dashboard.Panel;
import io.servicepulse.dashboards.Dashboard.Target;
import io.servicepulse.dashboards.Dashboard.Variable;
import io.servicepulse.dashboards.PanelQueryExpander.Selection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What Grafana sends for one dashboard at a fixed time range: variables resolved in order (query
 * variables run on ClickHouse, "All" unless a test picks values), then every panel target expanded.
 */
final class PanelRuns {

  /** One expanded query and where it comes from ("uid / panel / refId" or "uid $var"). */
  record Expanded(String where, String sql) {}

  /** A time range, interval and the variable values a test picks (others: the defaults). */
  record Context(Instant from, Instant to, long intervalSeconds, Map<String, Selection> picks) {
    Context with(String name, Selection selection) {
      Map<String, Selection> p = new LinkedHashMap<>(picks);
      p.put(name, selection);
      return new Context(from, to, intervalSeconds, p);
    }
  }

  private PanelRuns() {}

  /**
   * @param run runs a query and returns its rows (the first column of a variable query is the
   *     variable's options)
   */
  static List<Expanded> expand(Dashboard d, Context c, Function<String, List<List<String>>> run) {
    Map<String, Selection> values = new LinkedHashMap<>();
    List<Expanded> out = new ArrayList<>();
    for (Variable v : d.variables()) {
      PanelQueryExpander expander =
          new PanelQueryExpander(c.from(), c.to(), c.intervalSeconds(), values);
      List<String> options = new ArrayList<>();
      switch (v.type()) {
        case "query" -> {
          String sql = expander.expand(v.query());
          out.add(new Expanded(d.uid() + " $" + v.name(), sql));
          run.apply(sql).forEach(row -> options.add(row.get(0)));
        }
        case "custom" -> options.addAll(List.of(v.query().split(",")));
        case "constant" -> options.add(v.query());
        default -> {}
      }
      Selection picked = c.picks().get(v.name());
      if (picked == null) {
        if (v.includeAll() && (v.type().equals("query") || v.defaultValue().contains("$__all"))) {
          picked = Selection.allOf(options);
        } else if (v.type().equals("constant")) {
          picked = Selection.single(v.query());
        } else if (!v.defaultValue().isEmpty()) {
          picked =
              v.multi()
                  ? Selection.of(v.defaultValue())
                  : Selection.single(v.defaultValue().get(0));
        } else {
          picked = Selection.single(options.isEmpty() ? "" : options.get(0));
        }
      }
      values.put(v.name(), picked);
    }
    PanelQueryExpander expander =
        new PanelQueryExpander(c.from(), c.to(), c.intervalSeconds(), values);
    for (Panel p : d.panels()) {
      // PromQL targets are checked against a real scrape (IngestJobOnClusterITCase).
      for (Target t : p.targets().stream().filter(Target::isSql).toList()) {
        out.add(
            new Expanded(
                d.uid() + " / " + p.title() + " / " + t.refId(), expander.expand(t.rawSql())));
      }
    }
    return out;
  }
}
