// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.dashboards;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One Grafana alert rule of a provisioning file ({@code provisioning/alerting/*.yaml}): its uid,
 * title, condition refId, labels and the queries it evaluates. SQL is returned as Grafana runs it:
 * the file's {@code $$} (escaped from Grafana's environment expansion) back to {@code $}.
 */
public record AlertRule(
    Path file,
    String group,
    String uid,
    String title,
    String condition,
    Map<String, Object> labels,
    List<Query> queries) {

  /** The datasource uid of Grafana's server-side expressions (reduce, threshold, math). */
  public static final String EXPRESSION = "__expr__";

  /**
   * One entry of the rule's {@code data}: a datasource query with its relative time range (seconds
   * before now), or an expression ({@code datasourceUid} {@link #EXPRESSION}).
   */
  public record Query(
      String refId,
      String datasourceUid,
      long fromSeconds,
      long toSeconds,
      String rawSql,
      Map<String, Object> model) {

    public boolean isExpression() {
      return EXPRESSION.equals(datasourceUid);
    }
  }

  /** Grafana's expansion of an escaped dollar in provisioning files. */
  public static String unescape(String text) {
    return text.replace("$$", "$");
  }

  @SuppressWarnings("unchecked")
  static List<AlertRule> of(Path file, Map<String, Object> doc) {
    List<AlertRule> out = new ArrayList<>();
    Object groups = doc == null ? null : doc.get("groups");
    if (!(groups instanceof List<?> list)) {
      return out;
    }
    for (Object g : list) {
      Map<String, Object> group = (Map<String, Object>) g;
      for (Object r : (List<Object>) group.getOrDefault("rules", List.of())) {
        Map<String, Object> rule = (Map<String, Object>) r;
        List<Query> queries = new ArrayList<>();
        for (Object d : (List<Object>) rule.getOrDefault("data", List.of())) {
          Map<String, Object> data = (Map<String, Object>) d;
          Map<String, Object> range =
              (Map<String, Object>) data.getOrDefault("relativeTimeRange", Map.of());
          Map<String, Object> model = (Map<String, Object>) data.getOrDefault("model", Map.of());
          Object sql = model.get("rawSql");
          queries.add(
              new Query(
                  String.valueOf(data.get("refId")),
                  String.valueOf(data.get("datasourceUid")),
                  ((Number) range.getOrDefault("from", 0)).longValue(),
                  ((Number) range.getOrDefault("to", 0)).longValue(),
                  sql == null ? null : unescape(sql.toString()),
                  model));
        }
        out.add(
            new AlertRule(
                file,
                String.valueOf(group.get("name")),
                String.valueOf(rule.get("uid")),
                String.valueOf(rule.get("title")),
                String.valueOf(rule.get("condition")),
                (Map<String, Object>) rule.getOrDefault("labels", Map.of()),
                queries));
      }
    }
    return out;
  }

  /** The rule's datasource query with this refId. */
  public Query query(String refId) {
    return queries.stream().filter(q -> q.refId().equals(refId)).findFirst().orElseThrow();
  }
}
