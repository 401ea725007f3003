// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.stack;

/**
 * A server of the local stack run as a child process. Fault tests stop, kill or freeze it and
 * {@link #start()} it again: the restarted server has the same ports and data dir, so clients
 * configured with its address reconnect.
 */
public abstract sealed class LocalServer implements AutoCloseable
    permits KafkaBroker, ClickHouseServer {

  private volatile ChildProcess process;

  LocalServer() {}

  /** Starts the server process and returns it once it serves, or stops it and throws. */
  abstract ChildProcess launch();

  /**
   * Starts the server again after {@link #stop}, {@link #kill} or a crash, on the same ports and
   * data dir, and returns once it serves; a no-op while it runs.
   */
  public final synchronized void start() {
    if (!isAlive()) {
      process = launch();
    }
  }

  /** The server's PID (the current one after a restart), for signals of a test's own. */
  public final long pid() {
    return process.pid();
  }

  public final boolean isAlive() {
    ChildProcess current = process;
    return current != null && current.isAlive();
  }

  /**
   * Stops the server cleanly (SIGTERM, then SIGKILL after a grace period) and waits for it to exit.
   * Its ports and data stay for {@link #start()}.
   */
  public final synchronized void stop() {
    if (process != null) {
      process.stop();
    }
  }

  /** Kills the server (SIGKILL, no clean shutdown) and waits for it to exit, as a crash would. */
  public final synchronized void kill() {
    if (process != null) {
      process.kill();
    }
  }

  /**
   * Freezes the server with SIGSTOP, as a hung process: its ports still accept connections but
   * nothing answers. {@link #resume}, {@link #stop} and {@link #kill} undo it.
   */
  public final synchronized void pause() {
    process.pause();
  }

  /** SIGCONT after {@link #pause}; a no-op otherwise. */
  public final synchronized void resume() {
    if (process != null) {
      process.resume();
    }
  }

  /** Same as {@link #stop}. */
  @Override
  public final void close() {
    stop();
  }
}
