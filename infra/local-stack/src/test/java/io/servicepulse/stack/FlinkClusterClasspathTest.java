// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The classpath the build writes for the Flink JobManager and TaskManager child JVMs. */
class FlinkClusterClasspathTest {

  private final List<String> jars =
      Stream.concat(
              BuildClasspath.read("flink-cluster.classpath").stream(),
              BuildClasspath.read("flink-cluster-shared.classpath").stream())
          .toList();

  @Test
  void holdsFlinksRuntimeWebUiAndLogging() {
    assertThat(jars)
        .anyMatch(jar -> jar.contains("/flink-runtime-2"))
        .anyMatch(jar -> jar.contains("/flink-runtime-web-"))
        .anyMatch(jar -> jar.contains("/flink-rpc-akka-loader-"))
        .anyMatch(jar -> jar.contains("/flink-streaming-java-"))
        .anyMatch(jar -> jar.contains("/log4j-slf4j2-impl-"))
        .anyMatch(jar -> jar.contains("/slf4j-api-"))
        .anyMatch(jar -> jar.contains("/lz4-java-"));
  }

  @Test
  void leavesOutWhatJobJarsBringAndTheBrokerUses() {
    // A job jar that forgot a connector, Avro or Jackson must fail here as on a real cluster.
    assertThat(jars)
        .noneMatch(jar -> jar.contains("/org/apache/kafka/"))
        .noneMatch(jar -> jar.contains("/org/apache/avro/"))
        .noneMatch(jar -> jar.contains("/com/fasterxml/jackson/"))
        .noneMatch(jar -> jar.contains("/org/scala-lang/"))
        .noneMatch(jar -> jar.contains("junit"))
        .noneMatch(jar -> jar.contains("flink-connector-kafka"));
  }
}
