package io.servicepulse.demo;

import io.servicepulse.common.clickhouse.ClickHouseConnectionFactory;
import io.servicepulse.common.clickhouse.ClickHouseMigrations;
import io.servicepulse.common.config.JobConfig;
import io.servicepulse.common.flink.StreamingJobs;
import io.servicepulse.ingest.IngestJob;
import io.servicepulse.qa.job.QaJob;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Every ServicePulse job in one local Flink runtime (one JVM, one checkpoint), for the demo and for
 * one-machine installs. On a cluster each job is submitted on its own (infra/README.md).
 */
public final class LocalPipeline {

  private LocalPipeline() {}

  public static void main(String[] args) throws Exception {
    JobConfig config = JobConfig.fromArgs(args);
    new ClickHouseMigrations(ClickHouseConnectionFactory.from(config)).migrate();
    StreamExecutionEnvironment env = StreamingJobs.environment(config);
    IngestJob.wire(env, config);
    QaJob.wire(env, config);
    env.execute("ServicePulse local pipeline");
  }
}
