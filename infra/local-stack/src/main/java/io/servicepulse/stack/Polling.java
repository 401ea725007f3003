// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.stack;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Waits for a condition with a deadline: the only way tests and launchers wait. */
public final class Polling {

  private static final Duration FIRST_PAUSE = Duration.ofMillis(50);
  private static final Duration MAX_PAUSE = Duration.ofMillis(500);

  private Polling() {}

  /**
   * Evaluates {@code condition} until it returns true, pausing briefly between attempts.
   *
   * <p>An exception thrown by the condition counts as "not yet" (a table the job has not created
   * yet, a server still starting); the last one becomes the cause of the timeout.
   *
   * @throws ConditionTimeoutException if the condition is not true within {@code timeout}
   */
  public static void pollUntil(Callable<Boolean> condition, Duration timeout, String description) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Duration pause = FIRST_PAUSE;
    Exception lastFailure = null;
    while (true) {
      try {
        if (Boolean.TRUE.equals(condition.call())) {
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ConditionTimeoutException("Interrupted while waiting for " + description, e);
      } catch (Exception e) {
        lastFailure = e;
      }
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0) {
        throw new ConditionTimeoutException(
            "Timed out after " + timeout.toSeconds() + " s waiting for " + description,
            lastFailure);
      }
      sleep(Math.min(pause.toNanos(), remaining), description);
      pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
    }
  }

  private static void sleep(long nanos, String description) {
    try {
      Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConditionTimeoutException("Interrupted while waiting for " + description, e);
    }
  }
}
