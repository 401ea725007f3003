// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.stack;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A child JVM's classpath, written at build time by maven-dependency-plugin (build-classpath) into
 * a resource of this package: absolute jar paths in the local Maven repository.
 */
final class BuildClasspath {

  private static final String REBUILD = "`mvn -pl infra/local-stack -am install -DskipTests`";

  private BuildClasspath() {}

  /**
   * The jars listed by {@code resources}, in order, as one {@code java -cp} value.
   *
   * @param what names the server in error messages
   */
  static String of(String what, String... resources) {
    List<String> jars = new ArrayList<>();
    for (String resource : resources) {
      jars.addAll(read(resource));
    }
    for (String jar : jars) {
      if (!Files.exists(Path.of(jar))) {
        throw new ServerStartException(
            what
                + " jar "
                + jar
                + " is missing (local Maven repository cleaned?). Rebuild with "
                + REBUILD
                + ".");
      }
    }
    return String.join(File.pathSeparator, jars);
  }

  /** The jar paths of one resource. */
  static List<String> read(String resource) {
    try (InputStream in = BuildClasspath.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new ServerStartException(
            "Resource " + resource + " is missing: build the module with " + REBUILD + ".");
      }
      String classpath = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
      return classpath.isEmpty() ? List.of() : Arrays.asList(classpath.split(File.pathSeparator));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + resource, e);
    }
  }

  /** Copies a resource of this package to {@code target}. */
  static void copyResource(String resource, Path target) throws IOException {
    try (InputStream in = BuildClasspath.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("Resource " + resource + " is missing from the classpath");
      }
      Files.write(target, in.readAllBytes());
    }
  }
}
