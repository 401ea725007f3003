// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlinkClusterConfigTest {

  private final FlinkClusterConfig config =
      new FlinkClusterConfig(Path.of("/state/it's/flink"), 40001, 40002, 2, List.of(40003, 40004));

  @Test
  void everythingListensOnLoopbackWithTheChosenPorts() {
    assertThat(config.settings())
        .containsEntry("jobmanager.rpc.address", "127.0.0.1")
        .containsEntry("jobmanager.rpc.port", "40001")
        .containsEntry("jobmanager.bind-host", "127.0.0.1")
        .containsEntry("taskmanager.bind-host", "127.0.0.1")
        .containsEntry("rest.bind-address", "127.0.0.1")
        .containsEntry("rest.port", "40002");
    assertThat(config.restUrl()).isEqualTo("http://127.0.0.1:40002");
  }

  @Test
  void everyProcessServesPrometheusMetricsOnOneOfThePorts() {
    assertThat(config.settings())
        .containsEntry(
            "metrics.reporter.prom.factory.class",
            "org.apache.flink.metrics.prometheus.PrometheusReporterFactory")
        .containsEntry("metrics.reporter.prom.host", "127.0.0.1")
        .containsEntry("metrics.reporter.prom.port", "40003,40004");
  }

  @Test
  void checkpointsSavepointsAndUploadsStayInTheStateDir() {
    assertThat(config.settings())
        .containsEntry("execution.checkpointing.dir", "file:///state/it's/flink/checkpoints")
        .containsEntry(
            "execution.checkpointing.savepoint-dir", "file:///state/it's/flink/savepoints")
        .containsEntry("web.upload.dir", "/state/it's/flink/web-upload")
        .containsEntry("io.tmp.dirs", "/state/it's/flink/tmp");
  }

  @Test
  void yamlQuotesEveryValue() {
    assertThat(config.configYaml())
        .contains("taskmanager.memory.process.size: '3g'\n")
        .contains("taskmanager.memory.managed.fraction: '0.05'\n")
        .contains("web.upload.dir: '/state/it''s/flink/web-upload'\n");
  }

  @Test
  void needsATaskManager() {
    assertThatThrownBy(() -> new FlinkClusterConfig(Path.of("/x"), 1, 2, 0, List.of()))
        .hasMessageContaining("at least 1");
  }
}
