// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.demo;

import io.servicepulse.stack.StackEnv;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The fault a demo run injects half-way, as production has them. The pipeline crash restores the
 * pipeline from its last checkpoint; the server faults kill Kafka or ClickHouse with SIGKILL, keep
 * it down for the outage, and start it again on the same ports and data ({@code LocalStack start},
 * what {@code infra/stack.sh start} runs), while the pipeline and the producer keep going.
 */
enum Fault {
  /** SIGKILL of the pipeline JVM, restart from its last retained checkpoint. */
  CRASH,
  /** SIGKILL of the Kafka broker, down longer than events.source-idleness, then restarted. */
  BROKER_RESTART,
  /** SIGKILL of the ClickHouse server, down for the outage, then restarted. */
  CLICKHOUSE_RESTART,
  NONE;

  static Fault parse(String value) {
    try {
      return valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--fault must be crash, broker-restart, clickhouse-restart or none, not " + value, e);
    }
  }

  String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  boolean isServerFault() {
    return this == BROKER_RESTART || this == CLICKHOUSE_RESTART;
  }

  /** Kills the server, waits out the outage, starts it again; returns what it did. */
  String injectServerFault(Path stackDir, Duration outage)
      throws IOException, InterruptedException {
    StackEnv env =
        StackEnv.read(stackDir)
            .orElseThrow(() -> new IllegalStateException("no running stack in " + stackDir));
    long pid = this == BROKER_RESTART ? env.kafkaPid() : env.clickHousePid();
    String what = this == BROKER_RESTART ? "Kafka broker" : "ClickHouse server";
    ProcessHandle server =
        ProcessHandle.of(pid)
            .orElseThrow(() -> new IllegalStateException(what + " pid " + pid + " is not running"));
    server.destroyForcibly();
    server.onExit().join();
    Thread.sleep(outage.toMillis());
    Process start =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    "io.servicepulse.stack.LocalStack",
                    "start",
                    "--state-dir",
                    stackDir.toString()))
            .redirectErrorStream(true)
            .redirectOutput(stackDir.resolve("fault-restart.log").toFile())
            .start();
    if (start.waitFor() != 0) {
      throw new IllegalStateException(
          what + " did not restart; see " + stackDir.resolve("fault-restart.log"));
    }
    return "kill -9 " + what + " (pid " + pid + "), down " + outage.toSeconds() + " s, restarted";
  }
}
