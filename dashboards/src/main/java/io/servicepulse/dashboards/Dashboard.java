// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One dashboard JSON file: its uid, template variables and the SQL targets of its panels. */
public record Dashboard(
    Path file,
    String uid,
    String title,
    String refresh,
    List<Variable> variables,
    List<Panel> panels) {

  /** A template variable. {@code query} is the SQL of a query variable, the CSV of a custom one. */
  public record Variable(
      String name,
      String type,
      String query,
      String datasourceUid,
      boolean multi,
      boolean includeAll,
      List<String> defaultValue) {}

  /** A panel (rows' nested panels included) with the targets that carry SQL. */
  public record Panel(
      int id, String title, String type, String datasourceUid, List<Target> targets) {}

  /** One query of a panel. */
  /** A panel query: SQL ({@code rawSql}) for ClickHouse, PromQL ({@code expr}) for Prometheus. */
  public record Target(String refId, String datasourceUid, String rawSql, String expr) {
    public boolean isSql() {
      return !rawSql.isBlank();
    }
  }

  static Dashboard of(Path file, JsonNode root) {
    List<Variable> variables = new ArrayList<>();
    for (JsonNode v : root.path("templating").path("list")) {
      List<String> current = new ArrayList<>();
      JsonNode value = v.path("current").path("value");
      if (value.isArray()) {
        value.forEach(x -> current.add(x.asText()));
      } else if (!value.isMissingNode()) {
        current.add(value.asText());
      }
      variables.add(
          new Variable(
              v.path("name").asText(),
              v.path("type").asText(),
              v.path("query").isTextual() ? v.path("query").asText() : v.path("query").toString(),
              v.path("datasource").path("uid").asText(null),
              v.path("multi").asBoolean(false),
              v.path("includeAll").asBoolean(false),
              current));
    }
    List<Panel> allPanels = new ArrayList<>();
    collect(root.path("panels"), allPanels);
    return new Dashboard(
        file,
        root.path("uid").asText(null),
        root.path("title").asText(),
        root.path("refresh").asText(""),
        variables,
        allPanels);
  }

  private static void collect(JsonNode nodes, List<Panel> out) {
    for (JsonNode p : nodes) {
      if ("row".equals(p.path("type").asText())) {
        collect(p.path("panels"), out);
        continue;
      }
      String panelDs = p.path("datasource").path("uid").asText(null);
      List<Target> targets = new ArrayList<>();
      for (JsonNode t : p.path("targets")) {
        // A target without its own datasource uses the panel's, as in Grafana.
        String ds = t.path("datasource").path("uid").asText(panelDs);
        targets.add(
            new Target(
                t.path("refId").asText(),
                ds,
                t.path("rawSql").asText(""),
                t.path("expr").asText("")));
      }
      out.add(
          new Panel(
              p.path("id").asInt(),
              p.path("title").asText(),
              p.path("type").asText(),
              panelDs,
              targets));
    }
  }

  public Variable variable(String name) {
    return variables.stream().filter(v -> v.name().equals(name)).findFirst().orElse(null);
  }
}
