// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.stack;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/** A server process started by this JVM, with its output captured to a log file. */
final class ChildProcess {

  private static final Duration STOP_GRACE = Duration.ofSeconds(30);
  private static final Duration KILL_WAIT = Duration.ofSeconds(10);
  private static final int TAIL_BYTES = 16 * 1024;
  private static final Path SETSID = Path.of("/usr/bin/setsid");

  private final String name;
  private final Process process;
  private final Path logFile;
  private final Thread shutdownHook;
  private volatile boolean paused;

  private ChildProcess(String name, Process process, Path logFile, boolean stopOnExit) {
    this.name = name;
    this.process = process;
    this.logFile = logFile;
    this.shutdownHook = stopOnExit ? new Thread(this::stopNow, name + "-shutdown") : null;
  }

  /**
   * Starts {@code command} with stdout and stderr appended to {@code logFile}.
   *
   * @param detached if true the process outlives this JVM (own session, no shutdown hook), as the
   *     CLI needs; otherwise it is stopped by a shutdown hook, as tests need
   */
  static ChildProcess start(
      String name, List<String> command, Path workDir, Path logFile, boolean detached) {
    List<String> fullCommand = new ArrayList<>();
    if (detached && Files.isExecutable(SETSID)) {
      // A new session keeps a closed terminal's SIGHUP away; setsid execs, so the PID stays ours.
      fullCommand.add(SETSID.toString());
    }
    fullCommand.addAll(command);
    ProcessBuilder builder =
        new ProcessBuilder(fullCommand)
            .directory(workDir.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
            .redirectErrorStream(true);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new ServerStartException("Cannot run " + String.join(" ", command), e);
    }
    ChildProcess child = new ChildProcess(name, process, logFile, !detached);
    if (child.shutdownHook != null) {
      Runtime.getRuntime().addShutdownHook(child.shutdownHook);
    }
    return child;
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Waits for a short-lived process (a setup tool) and returns its exit code. */
  int waitFor(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        stop();
        throw new ServerStartException(
            name + " did not finish within " + timeout.toSeconds() + " s." + logTail());
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop();
      throw new ServerStartException("Interrupted while waiting for " + name, e);
    }
  }

  /** Builds the start failure for this process, quoting the end of its log. */
  ServerStartException startFailure(String reason) {
    String exit = process.isAlive() ? "" : " (exit code " + process.exitValue() + ")";
    return new ServerStartException(name + " " + reason + exit + "." + logTail());
  }

  void stop() {
    removeShutdownHook();
    stopNow();
  }

  private void stopNow() {
    // A stopped process would hold SIGTERM until the grace period ends in SIGKILL.
    resume();
    stopTree(process.toHandle());
  }

  /** SIGSTOP: the process freezes (a hung server: connections stay open, nothing answers). */
  void pause() {
    signal("STOP");
    paused = true;
  }

  /** SIGCONT after {@link #pause}; a no-op otherwise. */
  void resume() {
    if (paused) {
      signal("CONT");
      paused = false;
    }
  }

  private void signal(String signal) {
    if (!process.isAlive()) {
      return;
    }
    try {
      Process kill =
          new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid()))
              .redirectErrorStream(true)
              .start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException(
            "kill -"
                + signal
                + " "
                + process.pid()
                + " failed: "
                + new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new IllegalStateException("Cannot run kill -" + signal + " " + process.pid(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while signalling " + name, e);
    }
  }

  /** SIGKILL for the process and its descendants, as a crash; returns once all have exited. */
  void kill() {
    removeShutdownHook();
    List<ProcessHandle> tree =
        Stream.concat(process.toHandle().descendants(), Stream.of(process.toHandle())).toList();
    tree.forEach(ProcessHandle::destroyForcibly);
    if (!awaitExit(tree, KILL_WAIT)) {
      throw new IllegalStateException("Process " + process.pid() + " survived SIGKILL");
    }
  }

  private void removeShutdownHook() {
    if (shutdownHook != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException shuttingDown) {
        // The hook is running or about to; stopping twice is harmless.
      }
    }
  }

  private String logTail() {
    return "\n--- last lines of " + logFile + " ---\n" + tail(logFile);
  }

  /** The last few KB of a log file, for error messages. */
  static String tail(Path file) {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      long start = Math.max(0, raf.length() - TAIL_BYTES);
      byte[] bytes = new byte[(int) (raf.length() - start)];
      raf.seek(start);
      raf.readFully(bytes);
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e.getMessage() + ")";
    }
  }

  /**
   * Stops a process and its descendants: SIGTERM first so servers flush and close cleanly, SIGKILL
   * for whatever is still running after the grace period. Returns once all have exited.
   */
  static void stopTree(ProcessHandle root) {
    List<ProcessHandle> tree = Stream.concat(root.descendants(), Stream.of(root)).toList();
    tree.forEach(ProcessHandle::destroy);
    if (!awaitExit(tree, STOP_GRACE)) {
      tree.forEach(ProcessHandle::destroyForcibly);
      if (!awaitExit(tree, KILL_WAIT)) {
        throw new IllegalStateException("Process " + root.pid() + " survived SIGKILL");
      }
    }
  }

  private static boolean awaitExit(List<ProcessHandle> processes, Duration timeout) {
    CompletableFuture<?>[] exits =
        processes.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
    try {
      CompletableFuture.allOf(exits).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException e) {
      throw new IllegalStateException("Cannot wait for process exit", e);
    }
  }
}
