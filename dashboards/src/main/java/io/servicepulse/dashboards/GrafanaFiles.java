// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/**
 * Reads the provisioning folder ({@code provisioning/datasources/*.yaml}, {@code
 * provisioning/dashboards/*.yaml}) and the dashboard JSON folder as Grafana would find them.
 */
public final class GrafanaFiles {

  private static final ObjectMapper JSON = new ObjectMapper();

  private GrafanaFiles() {}

  /** Every YAML file under {@code dir}, parsed; file name → document. */
  public static Map<Path, Map<String, Object>> yamlFiles(Path dir) {
    Map<Path, Map<String, Object>> out = new java.util.TreeMap<>();
    for (Path file : list(dir, ".yaml", ".yml")) {
      try (InputStream in = Files.newInputStream(file)) {
        out.put(file, new Yaml().load(in));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  /** Every dashboard JSON file under {@code dir}, parsed. */
  public static List<Dashboard> dashboards(Path dir) {
    List<Dashboard> out = new ArrayList<>();
    for (Path file : list(dir, ".json")) {
      try {
        out.add(Dashboard.of(file, JSON.readTree(file.toFile())));
      } catch (IOException e) {
        throw new UncheckedIOException("not a JSON dashboard: " + file, e);
      }
    }
    return out;
  }

  /** Every alert rule of the alerting provisioning files under {@code dir}. */
  public static List<AlertRule> alertRules(Path dir) {
    List<AlertRule> out = new ArrayList<>();
    yamlFiles(dir).forEach((file, doc) -> out.addAll(AlertRule.of(file, doc)));
    return out;
  }

  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> list(Path dir, String... suffixes) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .filter(f -> Stream.of(suffixes).anyMatch(s -> f.toString().endsWith(s)))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
