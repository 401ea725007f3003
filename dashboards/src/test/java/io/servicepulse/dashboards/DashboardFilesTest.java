// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.servicepulse.dashboards.Dashboard.Panel;
import io.servicepulse.dashboards.Dashboard.Target;
import io.servicepulse.dashboards.Dashboard.Variable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Parses every provisioning file and dashboard as Grafana would and checks their wiring. */
class DashboardFilesTest {

  static final Path PROVISIONING = Path.of("provisioning");
  static final Path JSON_DIR = Path.of("json");
  private static final String PLUGIN = "grafana-clickhouse-datasource";
  private static final Pattern ENV_REF = Pattern.compile("^\\$\\{[A-Z][A-Z0-9_]*\\}$");
  private static final Pattern VARIABLE_REF =
      Pattern.compile("\\$\\{(\\w+)(?:[.:][^}]*)?\\}|\\[\\[(\\w+)(?::\\w+)?\\]\\]|\\$(\\w+)");
  private static final Set<String> LIVE = Set.of("servicepulse-live-floor");

  private static final List<Dashboard> DASHBOARDS = GrafanaFiles.dashboards(JSON_DIR);

  @Test
  void theDatasourcesAreClickHouseAndFlinksPrometheusWithFixedUidsAndSettingsFromTheEnvironment() {
    List<Map<String, Object>> datasources = datasources();
    assertThat(datasources)
        .extracting(d -> d.get("uid"))
        .containsExactlyInAnyOrder("servicepulse-clickhouse", "servicepulse-prometheus");
    Map<String, Object> prometheus = datasource("servicepulse-prometheus");
    assertThat(prometheus).containsEntry("type", "prometheus");
    assertThat(String.valueOf(prometheus.get("url"))).matches(ENV_REF);
    Map<String, Object> ds = datasource("servicepulse-clickhouse");
    assertThat(ds).containsEntry("type", PLUGIN).containsEntry("uid", "servicepulse-clickhouse");
    @SuppressWarnings("unchecked")
    Map<String, Object> json = (Map<String, Object>) ds.get("jsonData");
    for (String key : List.of("host", "port", "protocol", "defaultDatabase", "username")) {
      assertThat(String.valueOf(json.get(key))).as(key).matches(ENV_REF);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> secure = (Map<String, Object>) ds.get("secureJsonData");
    assertThat(String.valueOf(secure.get("password"))).matches(ENV_REF);
    assertThat(json).doesNotContainKey("password");
  }

  @Test
  void theDashboardProviderLoadsTheJsonFolderFromFiles() {
    Map<Path, Map<String, Object>> files =
        GrafanaFiles.yamlFiles(PROVISIONING.resolve("dashboards"));
    assertThat(files).hasSize(1);
    Map<String, Object> doc = files.values().iterator().next();
    assertThat(doc).containsEntry("apiVersion", 1);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> providers = (List<Map<String, Object>>) doc.get("providers");
    assertThat(providers).hasSize(1);
    assertThat(providers.get(0)).containsEntry("type", "file");
    @SuppressWarnings("unchecked")
    Map<String, Object> options = (Map<String, Object>) providers.get(0).get("options");
    assertThat(String.valueOf(options.get("path"))).matches(ENV_REF);
  }

  @Test
  void dashboardUidsAreFixedAndUnique() {
    assertThat(DASHBOARDS)
        .extracting(Dashboard::uid)
        .containsExactlyInAnyOrder(
            "servicepulse-live-floor",
            "servicepulse-agent-performance",
            "servicepulse-qa-queue",
            "servicepulse-qa-conversation",
            "servicepulse-pipeline-health",
            "servicepulse-agent-coaching",
            "servicepulse-orders",
            "servicepulse-after-sales")
        .allMatch(uid -> uid.matches("[a-z0-9-]{1,40}"), "a fixed uid of at most 40 characters");
  }

  @Test
  void everyPanelAndVariableNamesAProvisionedDatasourceByUid() {
    Set<String> provisioned =
        datasources().stream().map(d -> (String) d.get("uid")).collect(Collectors.toSet());
    for (Dashboard d : DASHBOARDS) {
      for (Panel p : d.panels()) {
        assertThat(p.datasourceUid()).as("%s / %s", d.uid(), p.title()).isIn(provisioned);
        assertThat(p.targets()).as("%s / %s has queries", d.uid(), p.title()).isNotEmpty();
        for (Target t : p.targets()) {
          assertThat(t.datasourceUid()).isIn(provisioned);
          // ClickHouse panels are SQL, Prometheus panels PromQL: exactly one, by datasource.
          String query =
              t.datasourceUid().equals("servicepulse-prometheus") ? t.expr() : t.rawSql();
          assertThat(query).as("%s / %s", d.uid(), p.title()).isNotBlank();
        }
      }
      for (Variable v : d.variables()) {
        if (v.type().equals("query")) {
          assertThat(v.datasourceUid()).as("%s $%s", d.uid(), v.name()).isIn(provisioned);
        }
      }
    }
  }

  @Test
  void everyVariableAQueryUsesIsDefinedEarlierOnItsDashboard() {
    for (Dashboard d : DASHBOARDS) {
      List<String> defined = new ArrayList<>();
      for (Variable v : d.variables()) {
        if (v.type().equals("query")) {
          assertThat(referencedVariables(v.query()))
              .as("%s: $%s may use only variables defined before it", d.uid(), v.name())
              .isSubsetOf(defined);
        }
        defined.add(v.name());
      }
      for (Panel p : d.panels()) {
        assertThat(referencedVariables(p.title())).isSubsetOf(defined);
        for (Target t : p.targets()) {
          assertThat(referencedVariables(t.rawSql()))
              .as("%s / %s", d.uid(), p.title())
              .isSubsetOf(defined);
        }
      }
    }
  }

  @Test
  void managerDashboardsFilterByShopTeamAndAgent() {
    for (String uid :
        List.of(
            "servicepulse-live-floor", "servicepulse-agent-performance", "servicepulse-qa-queue")) {
      assertThat(dashboard(uid).variables())
          .extracting(Variable::name)
          .contains("shop", "team", "agent");
    }
  }

  @Test
  void onlyMacrosThatExpandToSqlClickHouse18AcceptsAreUsed() {
    Pattern macro = Pattern.compile("\\$__(\\w+)");
    for (Dashboard d : DASHBOARDS) {
      for (String sql : sqlOf(d)) {
        Matcher m = macro.matcher(sql);
        while (m.find()) {
          assertThat(m.group(1))
              .as("%s: %s", d.uid(), sql)
              .isIn(
                  new HashSet<>(
                      List.of(
                          "timeFilter",
                          "fromTime",
                          "toTime",
                          "interval_s",
                          PanelQueryExpander.CONDITIONAL_ALL)));
        }
      }
    }
  }

  @Test
  void liveBoardsRefreshEveryFiveToTenSeconds() {
    for (String uid : LIVE) {
      assertThat(dashboard(uid).refresh()).isIn("5s", "10s");
    }
    assertThat(dashboard("servicepulse-pipeline-health").refresh()).isIn("5s", "10s");
  }

  @Test
  void everyFlagLinksToTheConversationDashboardWithTheVariablesItDefines() throws Exception {
    String queue = Files.readString(JSON_DIR.resolve("qa-review-queue.json"));
    Matcher link =
        Pattern.compile("\"url\": \"(/d/servicepulse-qa-conversation/[^\"]+)\"").matcher(queue);
    assertThat(link.find()).as("a data link to the conversation dashboard").isTrue();
    Set<String> linked = new HashSet<>();
    Matcher var = Pattern.compile("var-(\\w+)=").matcher(link.group(1));
    while (var.find()) {
      linked.add(var.group(1));
    }
    assertThat(linked).containsExactlyInAnyOrder("shop", "buyer", "message");
    assertThat(dashboard("servicepulse-qa-conversation").variables())
        .extracting(Variable::name)
        .containsAll(linked);
  }

  // ------------------------------------------------------------------ read at a glance

  private static final Pattern CJK = Pattern.compile("[\\u4e00-\\u9fff]");

  /**
   * Columns coloured because a target is missed: the 100 s slow line, the platforms' 70 % line, 10
   * min of freshness; and the QA views' own markers (a flag's severity, the flagged message).
   */
  private static final Set<String> TARGET_COLUMNS =
      Set.of("avg_response_s", "three_minute_reply_rate", "age_s", "severity", "mark");

  @Test
  void everyDashboardIsChineseFirstInTheShopsTimeZone() throws Exception {
    for (Path file : jsonFiles()) {
      JsonNode root = new ObjectMapper().readTree(file.toFile());
      assertThat(root.path("timezone").asText()).as("%s", file).isEqualTo("Asia/Shanghai");
      assertThat(root.path("title").asText()).as("%s", file).containsPattern(CJK);
      for (JsonNode p : panels(root)) {
        String title = p.path("title").asText();
        assertThat(title).as("%s panel title", file).containsPattern(CJK);
        if (p.path("type").asText().equals("row")) {
          continue;
        }
        assertThat(p.path("description").asText()).as("%s / %s", file, title).contains("EN:");
      }
    }
  }

  @Test
  void cellsAreColouredOnlyWhereATargetIsMissedAndMoneyIsInYuan() throws Exception {
    for (Path file : jsonFiles()) {
      for (JsonNode p : panels(new ObjectMapper().readTree(file.toFile()))) {
        for (JsonNode o : p.path("fieldConfig").path("overrides")) {
          String column = o.path("matcher").path("options").asText();
          for (JsonNode prop : o.path("properties")) {
            String id = prop.path("id").asText();
            if (id.equals("custom.cellOptions")
                && prop.path("value").path("type").asText().equals("color-background")) {
              assertThat(column).as("%s / %s", file, p.path("title").asText()).isIn(TARGET_COLUMNS);
            }
            if (id.equals("unit") && column.matches(".*(sales|amount|aov).*")) {
              assertThat(prop.path("value").asText())
                  .as("%s %s", file, column)
                  .isEqualTo("prefix:¥");
            }
          }
        }
      }
    }
  }

  @Test
  void agentRowsLinkToCoachingAndWaitingBuyersToTheConversation() throws Exception {
    Set<String> coachingVariables =
        dashboard("servicepulse-agent-coaching").variables().stream()
            .map(Variable::name)
            .collect(Collectors.toSet());
    int agentLinks = 0;
    for (String name : List.of("live-service-floor.json", "agent-performance.json")) {
      String text = Files.readString(JSON_DIR.resolve(name));
      Matcher link =
          Pattern.compile("\"url\": \"(/d/servicepulse-agent-coaching/[^\"]+)\"").matcher(text);
      while (link.find()) {
        agentLinks++;
        Set<String> linked = new HashSet<>();
        Matcher var = Pattern.compile("var-(\\w+)=").matcher(link.group(1));
        while (var.find()) {
          linked.add(var.group(1));
        }
        assertThat(linked).containsExactlyInAnyOrder("shop", "agent").isSubsetOf(coachingVariables);
      }
    }
    // Live floor: the agents table and the waiting buyers; agent performance: two agent tables.
    assertThat(agentLinks).isGreaterThanOrEqualTo(4);
    String floor = Files.readString(JSON_DIR.resolve("live-service-floor.json"));
    assertThat(floor)
        .contains(
            "/d/servicepulse-qa-conversation/servicepulse-qa-conversation?var-shop=${__data.fields.shop_id:percentencode}&var-buyer=${__data.fields.buyer_id:percentencode}&var-message=");
  }

  private static List<Path> jsonFiles() {
    return DASHBOARDS.stream().map(Dashboard::file).toList();
  }

  private static List<JsonNode> panels(JsonNode root) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode p : root.path("panels")) {
      out.add(p);
      p.path("panels").forEach(out::add);
    }
    return out;
  }

  // ------------------------------------------------------------------ alerting

  static final Path ALERTING = PROVISIONING.resolve("alerting");
  private static final Pattern DOLLAR = Pattern.compile("\\$\\$|\\$\\{[A-Z][A-Z0-9_]*\\}|\\$");

  @Test
  void everyDollarInTheAlertingFilesIsAnEnvironmentReferenceOrEscaped() throws Exception {
    Map<Path, Map<String, Object>> files = GrafanaFiles.yamlFiles(ALERTING);
    assertThat(files).isNotEmpty();
    for (Map.Entry<Path, Map<String, Object>> f : files.entrySet()) {
      assertThat(f.getValue()).as("%s", f.getKey()).containsEntry("apiVersion", 1);
      Matcher m = DOLLAR.matcher(Files.readString(f.getKey()));
      while (m.find()) {
        // Grafana expands $VAR and ${VAR} in provisioning files: a bare $ would be eaten.
        assertThat(m.group()).as("%s at %d", f.getKey(), m.start()).isNotEqualTo("$");
      }
    }
  }

  @Test
  void alertRulesQueryTheProvisionedDatasourceWithPortableMacrosOnly() {
    Set<String> provisioned =
        datasources().stream().map(d -> (String) d.get("uid")).collect(Collectors.toSet());
    List<AlertRule> rules = GrafanaFiles.alertRules(ALERTING);
    assertThat(rules).extracting(AlertRule::uid).doesNotHaveDuplicates();
    Set<String> tables = new HashSet<>();
    for (AlertRule r : rules) {
      assertThat(r.uid()).matches("[a-zA-Z0-9_-]{1,40}");
      Set<String> refIds =
          r.queries().stream().map(AlertRule.Query::refId).collect(Collectors.toSet());
      assertThat(refIds).as("%s condition", r.uid()).contains(r.condition());
      assertThat(r.labels()).as("%s is routed by its audience", r.uid()).containsKey("audience");
      for (AlertRule.Query q : r.queries()) {
        if (q.isExpression()) {
          assertThat(String.valueOf(q.model().get("expression")))
              .as("%s / %s", r.uid(), q.refId())
              .isIn(refIds);
          continue;
        }
        assertThat(q.datasourceUid()).as("%s / %s", r.uid(), q.refId()).isIn(provisioned);
        assertThat(q.rawSql()).as("%s / %s", r.uid(), q.refId()).isNotBlank();
        assertThat(q.fromSeconds()).as("%s relative range", r.uid()).isPositive();
        assertThat(q.model()).containsEntry("format", 1);
        // Alert rules have no dashboard variables: only the plugin's backend macros.
        assertThat(referencedVariables(q.rawSql())).as("%s / %s", r.uid(), q.refId()).isEmpty();
        Matcher m = Pattern.compile("\\$__(\\w+)").matcher(q.rawSql());
        while (m.find()) {
          assertThat(m.group(1)).as(r.uid()).isIn(PanelQueryExpander.PORTABLE_MACROS);
        }
        Matcher from = Pattern.compile("FROM (\\w+)").matcher(q.rawSql());
        while (from.find()) {
          tables.add(from.group(1));
        }
      }
    }
    // Waiting buyers, the 3-minute rate, severe QA flags and job freshness.
    assertThat(tables).contains("wait_alerts", "n_minute_reply_daily", "qa_flags", "messages");
  }

  @Test
  @SuppressWarnings("unchecked")
  void contactPointsTakeEveryUrlAndAddressFromTheEnvironmentAndPoliciesRouteEveryRule() {
    Map<String, String> receiverTypes = new java.util.TreeMap<>();
    Set<String> routed = new HashSet<>();
    Set<String> matchedAudiences = new HashSet<>();
    for (Map<String, Object> doc : GrafanaFiles.yamlFiles(ALERTING).values()) {
      for (Object cp : (List<Object>) doc.getOrDefault("contactPoints", List.of())) {
        Map<String, Object> point = (Map<String, Object>) cp;
        for (Object r : (List<Object>) point.get("receivers")) {
          Map<String, Object> receiver = (Map<String, Object>) r;
          receiverTypes.put((String) receiver.get("uid"), (String) receiver.get("type"));
          Map<String, Object> settings = (Map<String, Object>) receiver.get("settings");
          for (String key : List.of("url", "addresses", "secret")) {
            if (settings.containsKey(key)) {
              assertThat(String.valueOf(settings.get(key)))
                  .as("%s %s", receiver.get("uid"), key)
                  .matches(ENV_REF);
            }
          }
        }
        routed.add((String) point.get("name"));
      }
      for (Object p : (List<Object>) doc.getOrDefault("policies", List.of())) {
        Map<String, Object> policy = (Map<String, Object>) p;
        collectRoutes(policy, matchedAudiences, receiverNames -> {});
      }
    }
    assertThat(receiverTypes.values()).contains("dingding", "wecom", "email");
    for (Map<String, Object> doc : GrafanaFiles.yamlFiles(ALERTING).values()) {
      for (Object p : (List<Object>) doc.getOrDefault("policies", List.of())) {
        collectRoutes(
            (Map<String, Object>) p,
            new HashSet<>(),
            receiver -> assertThat(receiver).as("policy receiver").isIn(routed));
      }
    }
    for (AlertRule r : GrafanaFiles.alertRules(ALERTING)) {
      assertThat(String.valueOf(r.labels().get("audience")))
          .as("%s has a policy", r.uid())
          .isIn(matchedAudiences);
    }
  }

  @SuppressWarnings("unchecked")
  private static void collectRoutes(
      Map<String, Object> route,
      Set<String> audiences,
      java.util.function.Consumer<String> receivers) {
    receivers.accept((String) route.get("receiver"));
    for (Object m : (List<Object>) route.getOrDefault("object_matchers", List.of())) {
      List<Object> matcher = (List<Object>) m;
      if (matcher.get(0).equals("audience") && matcher.get(1).equals("=")) {
        audiences.add(String.valueOf(matcher.get(2)));
      }
    }
    for (Object child : (List<Object>) route.getOrDefault("routes", List.of())) {
      collectRoutes((Map<String, Object>) child, audiences, receivers);
    }
  }

  static Set<String> referencedVariables(String text) {
    Set<String> names = new HashSet<>();
    Matcher m = VARIABLE_REF.matcher(text);
    while (m.find()) {
      String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
      if (!name.startsWith("__")) {
        names.add(name);
      }
    }
    return names;
  }

  private static List<String> sqlOf(Dashboard d) {
    List<String> sql = new ArrayList<>();
    d.variables().stream().filter(v -> v.type().equals("query")).forEach(v -> sql.add(v.query()));
    d.panels().forEach(p -> p.targets().forEach(t -> sql.add(t.rawSql())));
    return sql;
  }

  private static Dashboard dashboard(String uid) {
    return DASHBOARDS.stream().filter(d -> uid.equals(d.uid())).findFirst().orElseThrow();
  }

  private static Map<String, Object> datasource(String uid) {
    return datasources().stream().filter(d -> uid.equals(d.get("uid"))).findFirst().orElseThrow();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> datasources() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> doc :
        GrafanaFiles.yamlFiles(PROVISIONING.resolve("datasources")).values()) {
      assertThat(doc).containsEntry("apiVersion", 1);
      out.addAll((List<Map<String, Object>>) doc.get("datasources"));
    }
    return out;
  }
}
