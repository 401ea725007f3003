// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The pipeline as a child JVM, so the demo can kill it like a crash and start it again. */
final class PipelineProcess {

  private final List<String> pipelineArgs;
  private final Path log;
  private Process process;

  PipelineProcess(List<String> pipelineArgs, Path log) {
    this.pipelineArgs = pipelineArgs;
    this.log = log;
  }

  void start(List<String> extraArgs) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx3g");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(LocalPipeline.class.getName());
    command.addAll(pipelineArgs);
    command.addAll(extraArgs);
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** SIGKILL: no flush, no final checkpoint — the worst case a restart must survive. */
  void crash() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /**
   * Asks the pipeline to drain (see {@link LocalPipeline}) and waits for it to exit.
   *
   * @return true if it drained and exited cleanly within the timeout
   */
  boolean drain(Duration timeout) throws IOException, InterruptedException {
    process.getOutputStream().write((LocalPipeline.DRAIN + "\n").getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().flush();
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) && process.exitValue() == 0;
  }

  void stop() throws InterruptedException {
    if (process == null) {
      return;
    }
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
