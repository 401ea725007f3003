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
      return times.size() < maxFailures;
    }
  }

  public void failed(String key) {
    Deque<Long> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
    synchronized (times) {
      prune(times);
      times.addLast(clock.millis());
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
