// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Server-side sessions, in memory: a random id (the cookie), the CSRF token of its forms and the
 * account once logged in. A restart of the console logs everyone out; verdicts are not affected.
 */
public final class Sessions {

  /** One browser's session. */
  public static final class Session {
    private final String id;
    private final String csrfToken;
    private final Account account;
    private volatile long lastSeenMs;

    Session(String id, String csrfToken, Account account, long nowMs) {
      this.id = id;
      this.csrfToken = csrfToken;
      this.account = account;
      this.lastSeenMs = nowMs;
    }

    public String id() {
      return id;
    }

    public String csrfToken() {
      return csrfToken;
    }

    /** The logged-in account, or empty before login. */
    public Optional<Account> account() {
      return Optional.ofNullable(account);
    }
  }

  /** Expired sessions are swept when a new one starts while at least this many are held. */
  static final int SWEEP_ABOVE = 1024;

  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final Duration idleTimeout;
  private final Clock clock;

  public Sessions(Duration idleTimeout, Clock clock) {
    this.idleTimeout = idleTimeout;
    this.clock = clock;
  }

  /** A new session, anonymous ({@code account} null) or logged in; always a fresh id and token. */
  public Session start(Account account) {
    Session session =
        new Session(CsrfTokens.randomToken(32), CsrfTokens.newToken(), account, clock.millis());
    if (sessions.size() >= SWEEP_ABOVE) {
      sweep();
    }
    sessions.put(session.id(), session);
    return session;
  }

  /** Forgets every session idle longer than the timeout. */
  public void sweep() {
    long oldest = clock.millis() - idleTimeout.toMillis();
    sessions.values().removeIf(s -> s.lastSeenMs < oldest);
  }

  /** Sessions held now, expired ones included until they are swept. */
  public int size() {
    return sessions.size();
  }

  public Optional<Session> find(String id) {
    if (id == null) {
      return Optional.empty();
    }
    Session session = sessions.get(id);
    if (session == null) {
      return Optional.empty();
    }
    long now = clock.millis();
    if (now - session.lastSeenMs > idleTimeout.toMillis()) {
      sessions.remove(id);
      return Optional.empty();
    }
    session.lastSeenMs = now;
    return Optional.of(session);
  }

  public void end(String id) {
    if (id != null) {
      sessions.remove(id);
    }
  }
}
