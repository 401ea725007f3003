package io.servicepulse.demo;

import java.io.IOException;
import java.nio.file.Path;
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
