// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicepulse.deploy.Kustomization.Build;
import io.servicepulse.deploy.YamlFiles.Doc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a data engineer checks before applying deploy/: every manifest and the Compose file are
 * valid against the Kubernetes, operator CRD and compose-spec schemas; images are pinned; no secret
 * is in a file; every job is deployed; every option and topic is a real one.
 */
class DeploymentFilesTest {

  static final Path DEPLOY = Path.of("").toAbsolutePath();
  static final Path REPO = DEPLOY.getParent();
  static final Path K8S = DEPLOY.resolve("k8s");
  static final Path COMPOSE = DEPLOY.resolve("compose/docker-compose.yml");
  static final Path IMAGES = DEPLOY.resolve("images");

  static Build build;
  static Map<String, Object> compose;
  static Schemas schemas;

  @BeforeAll
  static void read() {
    build = Kustomization.build(K8S);
    compose = YamlFiles.single(COMPOSE);
    schemas = new Schemas(DEPLOY.resolve("schemas"));
  }

  @Test
  void kustomizationResolvesEveryResourceAndGeneratorFile() {
    assertThat(build.problems()).isEmpty();
    // Every manifest beside the kustomization is listed in it (none forgotten).
    Set<Path> listed =
        build.resources().stream()
            .map(d -> d.file().normalize())
            .collect(Collectors.toCollection(java.util.HashSet::new));
    build.patches().forEach(p -> listed.add(p.normalize()));
    List<Path> unlisted =
        list(K8S).stream()
            .filter(f -> f.toString().endsWith(".yaml"))
            .filter(f -> !f.getFileName().toString().equals("kustomization.yaml"))
            .filter(f -> !listed.contains(f.normalize()))
            .toList();
    assertThat(unlisted).as("manifests not listed in kustomization.yaml").isEmpty();
    // The Grafana provisioning ConfigMaps are generated, each within the 1 MiB object limit.
    assertThat(build.generatedConfigMaps())
        .extracting(Doc::name)
        .contains(
            "grafana-datasources",
            "grafana-dashboard-providers",
            "grafana-alerting",
            "grafana-dashboards");
    for (Doc configMap : build.generatedConfigMaps()) {
      long bytes =
          Maps.map(configMap.body(), "data").values().stream()
              .mapToLong(v -> String.valueOf(v).getBytes(StandardCharsets.UTF_8).length)
              .sum();
      assertThat(bytes).as(configMap + " size").isLessThan(1_000_000);
    }
  }

  @Test
  void grafanaMountsTheGeneratedProvisioningAndEveryDashboard() {
    Doc grafana = resource("Deployment", "grafana");
    Set<String> configMaps = new TreeSet<>();
    for (Object volume : Maps.list(grafana.body(), "spec", "template", "spec", "volumes")) {
      Object name = Maps.get(volume, "configMap", "name");
      if (name != null) {
        configMaps.add(String.valueOf(name));
      }
    }
    assertThat(configMaps)
        .isEqualTo(build.generatedConfigMaps().stream().map(Doc::name).collect(Collectors.toSet()));
    Set<String> dashboards = Maps.map(configMap("grafana-dashboards").body(), "data").keySet();
    Set<String> files =
        list(REPO.resolve("dashboards/json")).stream()
            .map(p -> p.getFileName().toString())
            .filter(n -> n.endsWith(".json"))
            .collect(Collectors.toSet());
    assertThat(dashboards).as("every dashboard in dashboards/json is provisioned").isEqualTo(files);
    Set<String> datasources = Maps.map(configMap("grafana-datasources").body(), "data").keySet();
    assertThat(datasources)
        .as("every datasource in dashboards/provisioning/datasources is provisioned")
        .isEqualTo(
            list(REPO.resolve("dashboards/provisioning/datasources")).stream()
                .map(p -> p.getFileName().toString())
                .collect(Collectors.toSet()));
    Set<String> alerting = Maps.map(configMap("grafana-alerting").body(), "data").keySet();
    assertThat(alerting)
        .isEqualTo(
            list(REPO.resolve("dashboards/provisioning/alerting")).stream()
                .map(p -> p.getFileName().toString())
                .collect(Collectors.toSet()));
  }

  @Test
  void everyManifestIsValidAgainstItsKubernetesOrCrdSchema() {
    List<String> violations = new ArrayList<>();
    for (Doc doc : build.all()) {
      String schema = Schemas.BY_KIND.get(doc.apiVersionKind());
      if (schema == null) {
        violations.add(doc + ": no schema for " + doc.apiVersionKind() + " in deploy/schemas");
        continue;
      }
      schemas.violations(schema, doc.body()).forEach(v -> violations.add(doc + " " + v));
    }
    assertThat(violations).isEmpty();
    assertThat(build.all()).hasSizeGreaterThan(20);
  }

  @Test
  void composeFileIsValidAgainstTheComposeSpec() {
    assertThat(schemas.violations(Schemas.COMPOSE, compose)).isEmpty();
  }

  @Test
  void schemasRejectWhatKubectlWouldReject() {
    // The schemas are strict: an unknown or misspelt field fails, as kubectl's field validation.
    Map<String, Object> deployment = copy(resource("Deployment", "grafana").body());
    Maps.map(deployment, "spec").put("replica", 1);
    assertThat(schemas.violations(Schemas.BY_KIND.get("apps/v1/Deployment"), deployment))
        .anyMatch(v -> v.contains("replica"));
    Map<String, Object> flink = copy(resource("FlinkDeployment", "servicepulse-ingest").body());
    Maps.map(flink, "spec", "job").put("upgradeMode", "checkpoint");
    assertThat(
            schemas.violations(
                Schemas.BY_KIND.get("flink.apache.org/v1beta1/FlinkDeployment"), flink))
        .isNotEmpty();
    Map<String, Object> composeWithTypo = copy(compose);
    Maps.map(composeWithTypo, "services", "grafana").put("enviroment", Map.of());
    assertThat(schemas.violations(Schemas.COMPOSE, composeWithTypo))
        .anyMatch(v -> v.contains("enviroment"));
  }

  @Test
  void everyImageIsPinnedByAnExplicitTag() {
    List<String> images = new ArrayList<>();
    for (Doc doc : build.all()) {
      Maps.walk(
          doc.body(),
          (map, e) -> {
            if ("image".equals(e.getKey()) && e.getValue() instanceof String s) {
              images.add(s);
            }
          });
    }
    Maps.map(compose, "services").values().forEach(s -> images.add((String) Maps.get(s, "image")));
    for (Path dockerfile : list(IMAGES)) {
      for (String line : lines(dockerfile)) {
        if (line.startsWith("FROM ")) {
          images.add(line.split("\\s+")[1]);
        }
      }
    }
    assertThat(images).hasSizeGreaterThan(10);
    assertThat(images)
        .allSatisfy(
            image -> {
              String last = image.substring(image.lastIndexOf('/') + 1);
              assertThat(last).as(image + " has a tag").contains(":");
              String tag = last.substring(last.indexOf(':') + 1);
              assertThat(tag).as(image).isNotBlank().isNotEqualTo("latest");
            });
    // The Grafana plugin too: plugin@version.
    List<String> plugins = new ArrayList<>();
    for (Doc doc : build.all()) {
      Maps.walk(
          doc.body(),
          (map, e) -> {
            if ("value".equals(e.getKey())
                && String.valueOf(map.get("name")).startsWith("GF_PLUGINS_PREINSTALL")) {
              plugins.add(String.valueOf(e.getValue()));
            }
          });
    }
    plugins.add(
        String.valueOf(
            Maps.get(compose, "services", "grafana", "environment", "GF_PLUGINS_PREINSTALL_SYNC")));
    assertThat(plugins)
        .hasSize(2)
        .allMatch(p -> p.matches("grafana-clickhouse-datasource@\\d+\\.\\d+\\.\\d+"));
  }

  @Test
  void noSecretIsWrittenInAnyFile() throws IOException {
    List<String> found = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(DEPLOY)) {
      walk.filter(Files::isRegularFile)
          .filter(f -> !f.startsWith(DEPLOY.resolve("target")))
          .filter(f -> !f.startsWith(DEPLOY.resolve("schemas")))
          .filter(f -> !f.startsWith(DEPLOY.resolve("src"))) // this test's own samples
          .filter(f -> !f.getFileName().toString().equals(".env")) // git-ignored, local only
          .forEach(files::add);
    }
    try (Stream<Path> walk = Files.walk(REPO.resolve("dashboards/provisioning"))) {
      walk.filter(Files::isRegularFile).forEach(files::add);
    }
    files.add(REPO.resolve("dashboards/kustomization.yaml"));
    for (Path file : files) {
      found.addAll(SecretCheck.inText(REPO.relativize(file).toString(), Files.readString(file)));
    }
    for (Doc doc : build.all()) {
      found.addAll(SecretCheck.inManifest(doc.toString(), doc.body()));
    }
    found.addAll(SecretCheck.inCompose("docker-compose.yml", compose));
    assertThat(found).isEmpty();
    assertThat(files).hasSizeGreaterThan(15);
  }

  @Test
  void theSecretCheckFindsLiteralSecrets() {
    // The check above is only worth its silence if it does fire.
    Map<String, Object> env =
        Map.of("name", "SERVICEPULSE_CLICKHOUSE_PASSWORD", "value", "hunter22");
    Map<String, Object> pod =
        Map.of(
            "kind",
            "Deployment",
            "spec",
            Map.of("containers", List.of(Map.of("env", List.of(env)))));
    assertThat(SecretCheck.inManifest("sample", pod)).hasSize(1);
    assertThat(
            SecretCheck.inManifest(
                "sample",
                Map.of("configuration", Map.of("users", Map.of("grafana/password", "x")))))
        .hasSize(1);
    assertThat(SecretCheck.inManifest("sample", Map.of("kind", "Secret"))).hasSize(1);
    assertThat(
            SecretCheck.inCompose(
                "sample",
                Map.of(
                    "services",
                    Map.of("db", Map.of("environment", List.of("DB_PASSWORD=hunter22"))))))
        .hasSize(1);
    assertThat(
            SecretCheck.inCompose(
                "sample",
                Map.of(
                    "services",
                    Map.of(
                        "db",
                        Map.of("environment", Map.of("DB_PASSWORD", "${DB_PASSWORD:?set it}"))))))
        .isEmpty();
    assertThat(
            SecretCheck.inText(
                "sample", "url: https://oapi.dingtalk.com/robot/send?access_token=0a1b2c3d4e5f"))
        .hasSize(1);
    assertThat(SecretCheck.inText("sample", "    s3.secret-key: abc")).hasSize(1);
  }

  @Test
  void everyJobInTheRepositoryRunsAsAFlinkDeploymentAndInCompose() {
    Map<String, String> jobs = new java.util.TreeMap<>(); // folder → artifactId
    for (Path dir : list(REPO.resolve("jobs"))) {
      Path pom = dir.resolve("pom.xml");
      if (Files.isRegularFile(pom) && read(pom).contains("<job.main-class>")) {
        Matcher artifact =
            Pattern.compile("</parent>\\s*<artifactId>([^<]+)</artifactId>").matcher(read(pom));
        assertThat(artifact.find()).as(pom + " artifactId").isTrue();
        jobs.put(dir.getFileName().toString(), artifact.group(1));
      }
    }
    assertThat(jobs).containsKeys("ingest", "metrics", "attribution", "qa", "aftersales");
    String dockerfile = read(IMAGES.resolve("flink-jobs.Dockerfile"));
    String submit = String.valueOf(Maps.get(compose, "services", "submit", "command"));
    Set<String> deployed = new TreeSet<>();
    for (Doc doc : build.resources()) {
      if ("FlinkDeployment".equals(doc.body().get("kind"))) {
        deployed.add(String.valueOf(Maps.get(doc.body(), "spec", "job", "jarURI")));
      }
    }
    jobs.forEach(
        (name, artifactId) -> {
          String inImage = "/opt/servicepulse/jobs/" + name + ".jar";
          assertThat(deployed).as("FlinkDeployment for " + name).contains("local://" + inImage);
          assertThat(dockerfile)
              .as("the image holds " + name + "'s job jar")
              .contains(
                  "COPY jobs/" + name + "/target/" + artifactId + "-${VERSION}-job.jar " + inImage);
          assertThat(submit).as("compose submits " + name).contains(name);
        });
    assertThat(deployed).hasSameSizeAs(jobs.keySet());
    // The other things the images copy are what the build makes.
    assertThat(read(REPO.resolve("jobs/qa/pom.xml")))
        .contains(
            "<corenlp.models.dir>${project.build.directory}/corenlp-models</corenlp.models.dir>");
    assertThat(dockerfile).contains("COPY jobs/qa/target/corenlp-models ");
    assertThat(read(REPO.resolve("review/pom.xml")))
        .contains("<artifactId>servicepulse-review</artifactId>");
    assertThat(read(IMAGES.resolve("review-console.Dockerfile")))
        .contains("COPY review/target/servicepulse-review-${VERSION}.jar ")
        .contains("io.servicepulse.review.ReviewMain");
  }

  @Test
  void everyServicePulseVariableIsARealOption() {
    Set<String> known = new TreeSet<>();
    Matcher table = Pattern.compile("SERVICEPULSE_[A-Z0-9_]+").matcher(configTable());
    while (table.find()) {
      known.add(table.group());
    }
    Matcher review =
        Pattern.compile("^\\| `review\\.([a-z-]+)` \\|", Pattern.MULTILINE)
            .matcher(read(REPO.resolve("review/README.md")));
    while (review.find()) {
      known.add("SERVICEPULSE_REVIEW_" + review.group(1).toUpperCase().replace('-', '_'));
    }
    // Grafana's own: the folder of the dashboard JSON (dashboards/README.md).
    Matcher grafana =
        Pattern.compile("^\\s*\\| `(SERVICEPULSE_[A-Z_]+)` \\|", Pattern.MULTILINE)
            .matcher(read(REPO.resolve("dashboards/README.md")));
    while (grafana.find()) {
      known.add(grafana.group(1));
    }
    assertThat(known)
        .contains(
            "SERVICEPULSE_CLICKHOUSE_PASSWORD",
            "SERVICEPULSE_REVIEW_BIND",
            "SERVICEPULSE_DASHBOARDS_DIR");
    Set<String> used = new TreeSet<>();
    Pattern variable = Pattern.compile("SERVICEPULSE_[A-Z0-9_]+");
    for (Doc doc : build.resources()) {
      Maps.walk(
          doc.body(),
          (map, e) -> {
            if ("name".equals(e.getKey())
                && (map.containsKey("value") || map.containsKey("valueFrom"))) {
              String name = String.valueOf(map.get("name"));
              if (name.startsWith("SERVICEPULSE_")) {
                used.add(name);
              }
            }
          });
    }
    Maps.map(compose, "services")
        .values()
        .forEach(
            s ->
                Maps.map(s, "environment").keySet().stream()
                    .filter(k -> variable.matcher(k).matches())
                    .forEach(used::add));
    for (Path dockerfile : list(IMAGES)) {
      Matcher env =
          Pattern.compile("^ENV (SERVICEPULSE_[A-Z0-9_]+)=", Pattern.MULTILINE)
              .matcher(read(dockerfile));
      while (env.find()) {
        used.add(env.group(1));
      }
    }
    assertThat(used).hasSizeGreaterThan(5).contains("SERVICEPULSE_QA_MODEL_ROOT");
    assertThat(known).containsAll(used);
  }

  @Test
  void everyTopicOfTheJobsIsCreated() {
    Matcher defaults =
        Pattern.compile("^\\| `kafka\\.[a-z-]+-topic` \\| `([a-z-]+)` \\|", Pattern.MULTILINE)
            .matcher(configTable());
    Set<String> topics = new TreeSet<>();
    while (defaults.find()) {
      topics.add(defaults.group(1));
    }
    assertThat(topics).contains("chat-messages", "dead-letters", "wait-alerts");
    Set<String> kafkaTopics =
        build.resources().stream()
            .filter(d -> "KafkaTopic".equals(d.body().get("kind")))
            .map(Doc::name)
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(kafkaTopics).isEqualTo(topics);
    String created = String.valueOf(Maps.get(compose, "services", "kafka-topics", "command"));
    assertThat(topics).allSatisfy(t -> assertThat(created).contains(t));
  }

  @Test
  void sizingTableInTheReadmeMatchesTheManifests() {
    // | `servicepulse-x` | parallelism | slots | TaskManager CPU | TaskManager memory | ...
    Matcher row =
        Pattern.compile(
                "^\\| `(servicepulse-[a-z]+)` \\| (\\d+) \\| (\\d+) \\| ([\\d.]+) \\| (\\w+) \\|",
                Pattern.MULTILINE)
            .matcher(read(REPO.resolve("README.md")));
    Map<String, List<String>> table = new java.util.TreeMap<>();
    while (row.find()) {
      table.put(row.group(1), List.of(row.group(2), row.group(3), row.group(4), row.group(5)));
    }
    Map<String, List<String>> manifests = new java.util.TreeMap<>();
    for (Doc doc : build.resources()) {
      if ("FlinkDeployment".equals(doc.body().get("kind"))) {
        Map<String, Object> spec = Maps.map(doc.body(), "spec");
        manifests.put(
            doc.name(),
            List.of(
                String.valueOf(Maps.get(spec, "job", "parallelism")),
                String.valueOf(
                    Maps.get(spec, "flinkConfiguration", "taskmanager.numberOfTaskSlots")),
                String.valueOf(Maps.get(spec, "taskManager", "resource", "cpu")),
                String.valueOf(Maps.get(spec, "taskManager", "resource", "memory"))));
      }
    }
    assertThat(table).hasSize(5).isEqualTo(manifests);
  }

  // --- helpers

  private static String configTable() {
    String readme = read(REPO.resolve("README.md"));
    return readme.substring(
        readme.indexOf("<!-- config-table:start -->"), readme.indexOf("<!-- config-table:end -->"));
  }

  private static Doc resource(String kind, String name) {
    return build.resources().stream()
        .filter(d -> kind.equals(d.body().get("kind")) && name.equals(d.name()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
  }

  private static Doc configMap(String name) {
    return build.generatedConfigMaps().stream()
        .filter(d -> name.equals(d.name()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no generated ConfigMap " + name));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> copy(Map<String, Object> doc) {
    return (Map<String, Object>)
        new org.yaml.snakeyaml.Yaml().load(new org.yaml.snakeyaml.Yaml().dump(doc));
  }

  private static List<Path> list(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> lines(Path file) {
    return read(file).lines().toList();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
