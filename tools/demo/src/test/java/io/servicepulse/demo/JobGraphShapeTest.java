// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicepulse.aftersales.AfterSalesJob;
import io.servicepulse.attribution.AttributionJob;
import io.servicepulse.common.config.JobConfig;
import io.servicepulse.ingest.IngestJob;
import io.servicepulse.metrics.ServiceMetricsJob;
import io.servicepulse.qa.job.QaJob;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Savepoints map state to operators by uid: an operator without one gets a generated id that
 * changes with the graph, and its state is lost on the next redeploy. Every node of every job's
 * production graph — and of all of them in one local pipeline, where uids must not collide — has
 * its own uid and a readable name. Building a graph connects to nothing.
 */
class JobGraphShapeTest {

  private static final JobConfig CONFIG =
      JobConfig.of(
          Map.of(
              "kafka.bootstrap-servers", "127.0.0.1:1",
              "clickhouse.url", "jdbc:clickhouse://127.0.0.1:1/servicepulse"));

  private static final Map<String, BiConsumer<StreamExecutionEnvironment, JobConfig>> JOBS =
      Map.of(
          "ingest", IngestJob::wire,
          "qa", QaJob::wire,
          "metrics", ServiceMetricsJob::wire,
          "attribution", AttributionJob::wire,
          "aftersales", AfterSalesJob::wire);

  @ParameterizedTest
  @ValueSource(strings = {"ingest", "qa", "metrics", "attribution", "aftersales", "all"})
  void everyOperatorHasItsOwnUidAndAName(String job) {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    if (job.equals("all")) {
      JOBS.values().forEach(wire -> wire.accept(env, CONFIG));
    } else {
      JOBS.get(job).accept(env, CONFIG);
    }
    List<String> withoutUid = new ArrayList<>();
    List<String> withoutName = new ArrayList<>();
    Map<String, String> byUid = new HashMap<>();
    List<String> sharedUids = new ArrayList<>();
    for (StreamNode node : env.getStreamGraph().getStreamNodes()) {
      String uid = node.getTransformationUID();
      String name = node.getOperatorName();
      if (uid == null || uid.isBlank()) {
        withoutUid.add(name);
      } else if (byUid.put(uid, name) != null) {
        sharedUids.add(uid);
      }
      if (name == null || name.isBlank() || name.matches("(?i)(map|filter|process|flat ?map)")) {
        withoutName.add(uid + " '" + name + "'");
      }
    }
    assertThat(byUid).as("operators of %s", job).hasSizeGreaterThan(3);
    assertThat(withoutUid).as("operators of %s without a uid", job).isEmpty();
    assertThat(sharedUids).as("uids used twice in %s", job).isEmpty();
    assertThat(withoutName).as("operators of %s with no readable name", job).isEmpty();
  }
}
