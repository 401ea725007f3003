// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The classpath the build writes for the broker child JVM. */
class KafkaServerClasspathTest {

  private static final Pattern JACKSON_JAR =
      Pattern.compile(".*/com/fasterxml/jackson/.*-(\\d+\\.\\d+\\.\\d+)\\.jar");

  private final List<String> jars = readClasspath();

  @Test
  void holdsTheBrokerItsLoggingAndTheClientCodecs() {
    assertThat(jars)
        .anyMatch(jar -> jar.contains("kafka_2.13-"))
        .anyMatch(jar -> jar.contains("log4j-slf4j2-impl-"))
        .anyMatch(jar -> jar.contains("zstd-jni-"))
        .anyMatch(jar -> jar.contains("lz4-java-"))
        .anyMatch(jar -> jar.contains("snappy-java-"))
        .noneMatch(jar -> jar.contains("junit"))
        .allMatch(jar -> Files.isRegularFile(Path.of(jar)));
  }

  @Test
  void jacksonJarsShareOneVersionWhateverTheRootPomPins() {
    Set<String> versions =
        jars.stream()
            .map(JACKSON_JAR::matcher)
            .filter(Matcher::matches)
            .map(matcher -> matcher.group(1))
            .collect(Collectors.toSet());

    assertThat(versions).hasSize(1);
  }

  private static List<String> readClasspath() {
    try (InputStream in = KafkaBroker.class.getResourceAsStream("kafka-server.classpath")) {
      assertThat(in).as("kafka-server.classpath written by the build").isNotNull();
      String classpath = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
      return Arrays.asList(classpath.split(File.pathSeparator));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
