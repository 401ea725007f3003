// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Refuses logins for a key (a username, a client address) after {@code maxFailures} failed attempts
 * inside {@code window}, until the oldest of them leaves the window. A success clears the key's
 * failures.
 */
public final class LoginRateLimiter {

  private final int maxFailures;
  private final Duration window;
  private final Clock clock;
  private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();

  public LoginRateLimiter(int maxFailures, Duration window, Clock clock) {
    if (maxFailures < 1) {
      throw new IllegalArgumentException("maxFailures must be at least 1");
    }
    this.maxFailures = maxFailures;
    this.window = window;
    this.clock = clock;
  }

  /** May {@code key} try to log in now? */
  public boolean allowed(String key) {
    Deque<Long> times = failures.get(key);
    if (times == null) {
      return true;
    }
    synchronized (times) {
      prune(times);
      if (times.isEmpty()) {
        failures.remove(key, times); // forget keys whose failures have all left the window
        return true;
      }
      return times.size() < maxFailures;
    }
  }

  public void failed(String key) {
    while (true) {
      Deque<Long> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
      synchronized (times) {
        if (failures.get(key) != times) {
          continue; // removed by allowed() meanwhile: take the new one
        }
        prune(times);
        times.addLast(clock.millis());
        return;
      }
    }
  }

  public void succeeded(String key) {
    failures.remove(key);
  }

  private void prune(Deque<Long> times) {
    long oldest = clock.millis() - window.toMillis();
    while (!times.isEmpty() && times.peekFirst() <= oldest) {
      times.removeFirst();
    }
  }
}
