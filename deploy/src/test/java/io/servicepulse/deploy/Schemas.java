// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The committed JSON schemas (deploy/schemas, see its README), by apiVersion/kind. */
final class Schemas {

  /** apiVersion/kind → schema file under deploy/schemas. */
  static final Map<String, String> BY_KIND =
      Map.of(
          "apps/v1/Deployment", "kubernetes/deployment-apps-v1.json",
          "v1/Service", "kubernetes/service-v1.json",
          "batch/v1/Job", "kubernetes/job-batch-v1.json",
          "v1/ConfigMap", "kubernetes/configmap-v1.json",
          "v1/Namespace", "kubernetes/namespace-v1.json",
          "v1/PersistentVolumeClaim", "kubernetes/persistentvolumeclaim-v1.json",
          "flink.apache.org/v1beta1/FlinkDeployment",
              "crds/flinkdeployment-flink.apache.org-v1beta1.json",
          "kafka.strimzi.io/v1/KafkaTopic", "crds/kafkatopic-kafka.strimzi.io-v1.json",
          "clickhouse.altinity.com/v1/ClickHouseInstallation",
              "crds/clickhouseinstallation-clickhouse.altinity.com-v1.json");

  static final String COMPOSE = "compose-spec.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final SchemaRegistry registry =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
  private final Map<String, Schema> loaded = new HashMap<>();

  Schemas(Path dir) {
    this.dir = dir;
  }

  /** The violations of a parsed YAML document against a schema file, as readable lines. */
  List<String> violations(String schemaFile, Object document) {
    JsonNode node = JSON.valueToTree(document);
    List<Error> errors = schema(schemaFile).validate(node);
    return errors.stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
  }

  private Schema schema(String file) {
    return loaded.computeIfAbsent(
        file,
        f -> {
          // Loaded from its file URI, so a relative $id (compose-spec's) resolves against it.
          Path path = dir.resolve(f);
          try (InputStream in = Files.newInputStream(path)) {
            return registry.getSchema(
                SchemaLocation.of(path.toUri().toString()), JSON.readTree(in));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }
}
