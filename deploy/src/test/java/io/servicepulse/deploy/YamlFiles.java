// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Reads YAML the way kubectl and Compose do: every document, anchors and aliases resolved. */
final class YamlFiles {

  private YamlFiles() {}

  /** One document of a file, remembered with its file for messages. */
  record Doc(Path file, Map<String, Object> body) {
    String apiVersionKind() {
      return body.get("apiVersion") + "/" + body.get("kind");
    }

    String name() {
      return String.valueOf(Maps.get(body, "metadata", "name"));
    }

    @Override
    public String toString() {
      return body.get("kind") + " " + name() + " (" + file.getFileName() + ")";
    }
  }

  @SuppressWarnings("unchecked")
  static List<Doc> documents(Path file) {
    List<Doc> docs = new ArrayList<>();
    try (Reader in = Files.newBufferedReader(file)) {
      for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(in)) {
        if (doc != null) {
          docs.add(new Doc(file, (Map<String, Object>) doc));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return docs;
  }

  static Map<String, Object> single(Path file) {
    List<Doc> docs = documents(file);
    if (docs.size() != 1) {
      throw new IllegalStateException(file + ": expected one YAML document, found " + docs.size());
    }
    return docs.get(0).body();
  }
}
