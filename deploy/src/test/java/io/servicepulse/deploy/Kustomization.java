// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.deploy;

import io.servicepulse.deploy.YamlFiles.Doc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code kustomize build} reads, resolved without kustomize: the resources (files, or folders
 * holding their own kustomization) and the ConfigMaps of configMapGenerator. Only the fields these
 * kustomizations use are understood; any other field is an error, so the test never silently skips
 * something kustomize would do. Files are read under kustomize's default load restriction: a
 * generator's files must lie inside its kustomization's folder.
 */
final class Kustomization {

  static final Set<String> KNOWN_FIELDS =
      Set.of(
          "apiVersion",
          "kind",
          "namespace",
          "labels",
          "resources",
          "configMapGenerator",
          "patches");

  /** Everything one build outputs, plus where it came from. */
  record Build(
      List<Doc> resources,
      List<Doc> generatedConfigMaps,
      List<Path> patches,
      List<String> problems) {
    List<Doc> all() {
      List<Doc> all = new ArrayList<>(resources);
      all.addAll(generatedConfigMaps);
      return all;
    }
  }

  private Kustomization() {}

  static Build build(Path dir) {
    Build build =
        new Build(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    resolve(dir.toAbsolutePath().normalize(), build, new ArrayList<>());
    return build;
  }

  private static void resolve(Path dir, Build build, List<Path> visiting) {
    Path file = dir.resolve("kustomization.yaml");
    if (!Files.isRegularFile(file)) {
      build.problems().add(dir + ": no kustomization.yaml");
      return;
    }
    if (visiting.contains(dir)) {
      build.problems().add(dir + ": kustomization cycle " + visiting);
      return;
    }
    visiting.add(dir);
    Map<String, Object> k = YamlFiles.single(file);
    for (String field : k.keySet()) {
      if (!KNOWN_FIELDS.contains(field)) {
        build.problems().add(file + ": field '" + field + "' is not resolved by this test");
      }
    }
    if (!"Kustomization".equals(k.get("kind"))
        || !"kustomize.config.k8s.io/v1beta1".equals(k.get("apiVersion"))) {
      build.problems().add(file + ": not a kustomize.config.k8s.io/v1beta1 Kustomization");
    }
    int firstResource = build.resources().size();
    int firstConfigMap = build.generatedConfigMaps().size();
    for (Object entry : Maps.list(k, "resources")) {
      Path target = dir.resolve(String.valueOf(entry)).normalize();
      if (Files.isDirectory(target)) {
        resolve(target, build, visiting);
      } else if (Files.isRegularFile(target)) {
        build.resources().addAll(YamlFiles.documents(target));
      } else {
        build.problems().add(file + ": resource " + entry + " does not exist");
      }
    }
    for (Object generator : Maps.list(k, "configMapGenerator")) {
      Map<String, Object> data = new LinkedHashMap<>();
      for (Object f : Maps.list(generator, "files")) {
        Path source = dir.resolve(String.valueOf(f)).normalize();
        if (!source.startsWith(dir)) {
          build.problems().add(file + ": " + f + " lies outside the kustomization's folder");
        } else if (!Files.isRegularFile(source)) {
          build.problems().add(file + ": generator file " + f + " does not exist");
        } else {
          data.put(source.getFileName().toString(), read(source));
        }
      }
      Map<String, Object> metadata = new LinkedHashMap<>();
      metadata.put("name", Maps.get(generator, "name"));
      Map<String, Object> configMap = new LinkedHashMap<>();
      configMap.put("apiVersion", "v1");
      configMap.put("kind", "ConfigMap");
      configMap.put("metadata", metadata);
      configMap.put("data", data);
      build.generatedConfigMaps().add(new Doc(file, configMap));
    }
    // patches, namespace and labels apply to everything this kustomization outputs, its bases'
    // included.
    List<Doc> produced =
        new ArrayList<>(build.resources().subList(firstResource, build.resources().size()));
    produced.addAll(
        build.generatedConfigMaps().subList(firstConfigMap, build.generatedConfigMaps().size()));
    for (Object patch : Maps.list(k, "patches")) {
      Path source = dir.resolve(String.valueOf(Maps.get(patch, "path"))).normalize();
      Object kind = Maps.get(patch, "target", "kind");
      if (!Files.isRegularFile(source) || kind == null) {
        build
            .problems()
            .add(file + ": patch " + patch + " needs an existing path and a target kind");
        continue;
      }
      build.patches().add(source);
      Map<String, Object> body = YamlFiles.single(source);
      int matched = 0;
      for (Doc doc : produced) {
        if (kind.equals(doc.body().get("kind"))) {
          String name = doc.name();
          merge(doc.body(), body);
          metadata(doc).put("name", name); // the target keeps its own name
          matched++;
        }
      }
      if (matched == 0) {
        build.problems().add(file + ": patch " + source.getFileName() + " matches no " + kind);
      }
    }
    Object namespace = k.get("namespace");
    for (Doc doc : produced) {
      Map<String, Object> metadata = metadata(doc);
      if (namespace != null && !"Namespace".equals(doc.body().get("kind"))) {
        metadata.put("namespace", namespace);
      }
      for (Object label : Maps.list(k, "labels")) {
        Map<String, Object> labels = new LinkedHashMap<>(Maps.map(metadata, "labels"));
        labels.putAll(Maps.map(label, "pairs"));
        metadata.put("labels", labels);
      }
    }
    visiting.remove(dir);
  }

  /**
   * A strategic merge patch on a kind without a patch strategy (a custom resource): maps merge key
   * by key, lists and scalars are replaced.
   */
  @SuppressWarnings("unchecked")
  static void merge(Map<String, Object> target, Map<String, Object> patch) {
    patch.forEach(
        (key, value) -> {
          if (value instanceof Map<?, ?> p && target.get(key) instanceof Map<?, ?> t) {
            Map<String, Object> merged = new LinkedHashMap<>((Map<String, Object>) t);
            merge(merged, (Map<String, Object>) p);
            target.put(key, merged);
          } else {
            target.put(key, copy(value));
          }
        });
  }

  @SuppressWarnings("unchecked")
  private static Object copy(Object value) {
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> copy = new LinkedHashMap<>();
      m.forEach((k, v) -> copy.put(String.valueOf(k), copy(v)));
      return copy;
    }
    if (value instanceof List<?> l) {
      return new ArrayList<>(l.stream().map(Kustomization::copy).toList());
    }
    return value;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> metadata(Doc doc) {
    Object metadata = doc.body().get("metadata");
    if (!(metadata instanceof Map<?, ?>)) {
      metadata = new LinkedHashMap<String, Object>();
      doc.body().put("metadata", metadata);
    }
    return (Map<String, Object>) metadata;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
