// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What a data engineer finds at the root of a job jar (and of the generator's -cli.jar) is the
 * project's own licence (GPL-3.0-or-later) and notice, not a bundled library's. The jars are built
 * by the job modules' package phase, which runs before this module's tests in the reactor.
 */
class JobJarLicenceTest {

  private static final Path JOBS = Path.of("../../jobs");
  private static final Path TOOLS = Path.of("../../tools");

  @Test
  void everyJobJarCarriesTheProjectLicenceAndNotice() throws IOException {
    List<Path> jars = jobJars();
    assertThat(jars)
        .as("job jars under jobs/ and tools/ (build them with package first)")
        .hasSizeGreaterThanOrEqualTo(5);
    for (Path jar : jars) {
      try (JarFile file = new JarFile(jar.toFile())) {
        String licence = text(file, "LICENSE");
        String notice = text(file, "NOTICE");
        assertThat(licence)
            .as("%s: LICENSE", jar.getFileName())
            .contains("GNU GENERAL PUBLIC LICENSE")
            .contains("Version 3, 29 June 2007")
            .doesNotContain("Apache License");
        assertThat(notice)
            .as("%s: NOTICE", jar.getFileName())
            .contains("ServicePulse")
            .contains("GPL-3.0-or-later")
            .contains("Stanford CoreNLP")
            .contains("LDNOOBW");
      }
    }
  }

  @Test
  void everyJobJarRunsItsMainClassAndLeavesFlinkToTheCluster() throws IOException {
    List<Path> jars = jobJars();
    assertThat(jars).hasSizeGreaterThanOrEqualTo(5);
    for (Path jar : jars) {
      try (JarFile file = new JarFile(jar.toFile())) {
        assertThat(file.getManifest().getMainAttributes().getValue("Main-Class"))
            .as("%s: Main-Class", jar.getFileName())
            .isNotBlank();
        if (!jar.getFileName().toString().endsWith("-job.jar")) {
          continue;
        }
        List<String> names = file.stream().map(JarEntry::getName).toList();
        // Flink's runtime is 'provided': none of flink-core, -runtime, -streaming-java, -clients
        // or flink-shaded; the connectors and formats a cluster does not ship stay in.
        assertThat(names)
            .as("%s: Flink classes", jar.getFileName())
            .noneMatch(name -> CLUSTER_PACKAGES.stream().anyMatch(name::startsWith))
            .anyMatch(name -> name.startsWith("org/apache/flink/connector/kafka/"))
            .anyMatch(name -> name.startsWith("org/apache/flink/formats/avro/"));
      }
    }
  }

  private static final List<String> CLUSTER_PACKAGES =
      Stream.of(
              "api",
              "client",
              "configuration",
              "core",
              "metrics",
              "runtime",
              "shaded",
              "types",
              "util",
              "streaming/api",
              "streaming/runtime")
          .map(p -> "org/apache/flink/" + p + "/")
          .toList();

  private static List<Path> jobJars() throws IOException {
    try (Stream<Path> jobs = Files.walk(JOBS, 3);
        Stream<Path> tools = Files.walk(TOOLS, 3)) {
      return Stream.concat(jobs, tools)
          .filter(
              p ->
                  p.getFileName().toString().endsWith("-job.jar")
                      || p.getFileName().toString().endsWith("-cli.jar"))
          .filter(p -> p.getParent().getFileName().toString().equals("target"))
          .sorted()
          .toList();
    }
  }

  private static String text(JarFile jar, String name) throws IOException {
    var entry = jar.getJarEntry(name);
    assertThat(entry).as("%s in %s", name, jar.getName()).isNotNull();
    try (InputStream in = jar.getInputStream(entry)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
