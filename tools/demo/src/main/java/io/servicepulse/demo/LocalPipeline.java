// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.demo;

import io.servicepulse.aftersales.AfterSalesJob;
import io.servicepulse.attribution.AttributionJob;
import io.servicepulse.common.clickhouse.ClickHouseConnectionFactory;
import io.servicepulse.common.clickhouse.ClickHouseMigrations;
import io.servicepulse.common.config.JobConfig;
import io.servicepulse.common.config.ServicePulseOptions;
import io.servicepulse.common.flink.StreamingJobs;
import io.servicepulse.ingest.IngestJob;
import io.servicepulse.metrics.ServiceMetricsJob;
import io.servicepulse.qa.job.QaJob;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Every ServicePulse job in one local Flink runtime (one JVM, one checkpoint), for the demo and for
 * one-machine installs. On a cluster each job is submitted on its own (infra/README.md).
 *
 * <p>A line {@value #DRAIN} on standard input stops the pipeline with a final savepoint after
 * advancing to the end of event time (Flink's {@code stop --drain}): every open turn is decided,
 * every conversation and day closed, and their rows written before the process exits. The demo uses
 * it once the generated stream has been read, as a replay of a finished day would.
 */
public final class LocalPipeline {

  static final String DRAIN = "drain";

  private LocalPipeline() {}

  public static void main(String[] args) throws Exception {
    JobConfig config = JobConfig.fromArgs(args);
    new ClickHouseMigrations(ClickHouseConnectionFactory.from(config)).migrate();
    StreamExecutionEnvironment env = StreamingJobs.environment(config);
    IngestJob.wire(env, config);
    QaJob.wire(env, config);
    ServiceMetricsJob.wire(env, config);
    AttributionJob.wire(env, config);
    AfterSalesJob.wire(env, config);
    JobClient job = env.executeAsync("ServicePulse local pipeline");
    Thread drainOnRequest =
        new Thread(() -> drainOnRequest(job, savepointDir(config)), "drain-on-request");
    drainOnRequest.setDaemon(true);
    drainOnRequest.start();
    job.getJobExecutionResult().get();
  }

  private static void drainOnRequest(JobClient job, String savepointDir) {
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (DRAIN.equals(line.trim())) {
          System.out.println("draining: advancing to the end of event time, then a savepoint");
          String savepoint =
              job.stopWithSavepoint(true, savepointDir, SavepointFormatType.CANONICAL).get();
          System.out.println("drained; final savepoint " + savepoint);
          return;
        }
      }
    } catch (Exception e) {
      // The job's own failure, if any, is in the log above (task state changes with causes).
      System.err.println("drain failed: " + e);
      e.printStackTrace();
      job.cancel();
      System.exit(1);
    }
  }

  private static String savepointDir(JobConfig config) {
    String checkpoints = config.get(ServicePulseOptions.JOB_CHECKPOINT_DIR);
    if (checkpoints == null) {
      throw new IllegalArgumentException(
          "job.checkpoint-dir is required (savepoints go next to it)");
    }
    return checkpoints.replaceAll("/+$", "") + "-savepoints";
  }
}
