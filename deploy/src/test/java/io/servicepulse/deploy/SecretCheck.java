// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Finds secret values written into deployment files. Secrets must arrive by reference: a Kubernetes
 * secretKeyRef, an Altinity users' valueFrom/k8s_secret_*, or Compose interpolation from the
 * environment ({@code ${VAR}}, {@code ${VAR:?message}}, at most an empty default).
 */
final class SecretCheck {

  /** Names of settings that hold a secret. */
  static final Pattern SECRET_NAME =
      Pattern.compile("(?i).*(password|passwd|secret|token|api[_-]?key|access[_-]?key|webhook).*");

  /** Text that is a secret wherever it appears. */
  static final List<Pattern> SECRET_TEXT =
      List.of(
          Pattern.compile("AKIA[0-9A-Z]{16}"), // an AWS access key id
          Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----"),
          Pattern.compile("(?i)(access_token|[?&]key|secret|password|token)=[A-Za-z0-9+/_-]{8,}"),
          Pattern.compile("(?i)\\bs3\\.(access|secret)-key\\s*:"),
          Pattern.compile("(?i)\\b(Basic|Bearer) [A-Za-z0-9+/=._-]{16,}"));

  private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{[A-Z0-9_]+(:?\\?[^}]*|:-)?}");

  private SecretCheck() {}

  /** Secret-looking literals in a file's text. */
  static List<String> inText(String where, String text) {
    List<String> found = new ArrayList<>();
    for (Pattern p : SECRET_TEXT) {
      if (p.matcher(text).find()) {
        found.add(where + ": text matching " + p.pattern());
      }
    }
    return found;
  }

  /** Secret values in a Kubernetes manifest: Secret objects, literal env values, CHI passwords. */
  static List<String> inManifest(String where, Map<String, Object> doc) {
    List<String> found = new ArrayList<>();
    if ("Secret".equals(doc.get("kind"))) {
      found.add(where + ": a Secret object; create Secrets outside the repository");
    }
    Maps.walk(
        doc,
        (map, e) -> {
          String key = String.valueOf(e.getKey());
          // env: [{name: X_PASSWORD, value: literal}]
          if (key.equals("value")
              && map.get("name") instanceof String name
              && SECRET_NAME.matcher(name).matches()
              && e.getValue() != null) {
            found.add(where + ": env " + name + " has a literal value; use valueFrom.secretKeyRef");
          }
          // Altinity users: "user/password: literal" (valueFrom or k8s_secret_* instead)
          if (key.matches("[^/]+/password(_sha256_hex|_double_sha1_hex)?")
              && e.getValue() instanceof String) {
            found.add(where + ": " + key + " is a literal; use valueFrom.secretKeyRef");
          }
        });
    return found;
  }

  /** Secret values in a Compose file's environment sections (map or KEY=value list form). */
  static List<String> inCompose(String where, Map<String, Object> compose) {
    List<String> found = new ArrayList<>();
    List<Object> environments = new ArrayList<>();
    Maps.map(compose, "services")
        .values()
        .forEach(s -> environments.add(Maps.get(s, "environment")));
    compose.forEach(
        (k, v) -> { // x- extension blocks used as anchors
          if (k.startsWith("x-")) {
            environments.add(v);
          }
        });
    for (Object env : environments) {
      if (env instanceof Map<?, ?> m) {
        m.forEach((k, v) -> check(where, String.valueOf(k), v, found));
      } else if (env instanceof List<?> l) {
        for (Object item : l) {
          String[] kv = String.valueOf(item).split("=", 2);
          check(where, kv[0], kv.length > 1 ? kv[1] : null, found);
        }
      }
    }
    return found;
  }

  private static void check(String where, String name, Object value, List<String> found) {
    if (SECRET_NAME.matcher(name).matches()
        && value != null
        && !INTERPOLATION.matcher(String.valueOf(value)).matches()) {
      found.add(where + ": " + name + " is not taken from the environment (${" + name + "})");
    }
  }
}
