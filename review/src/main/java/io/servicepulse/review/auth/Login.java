// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review.auth;

import io.servicepulse.review.store.StoredAccount;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Checks a login: rate limit by username and by client address first, then the bcrypt hash. An
 * unknown or disabled user costs the same time as a wrong password and gets the same answer.
 */
public final class Login {

  /** Finds a stored account by username. */
  @FunctionalInterface
  public interface AccountLookup {
    Optional<StoredAccount> find(String username) throws SQLException;
  }

  /** The outcome: an account, or why not. */
  public record Result(Account account, boolean limited) {
    public boolean ok() {
      return account != null;
    }
  }

  /** A client address may fail this many times more often than one username. */
  static final int ADDRESS_FACTOR = 6;

  private final AccountLookup accounts;
  private final LoginRateLimiter byUser;
  private final LoginRateLimiter byAddress;

  public Login(AccountLookup accounts, LoginRateLimiter byUser, LoginRateLimiter byAddress) {
    this.accounts = accounts;
    this.byUser = byUser;
    this.byAddress = byAddress;
  }

  public Result attempt(String username, String password, String address) throws SQLException {
    String name = username == null ? "" : username.strip();
    if (!byUser.allowed(name) || !byAddress.allowed(address)) {
      return new Result(null, true);
    }
    Optional<StoredAccount> stored = name.isEmpty() ? Optional.empty() : accounts.find(name);
    boolean ok;
    if (stored.isEmpty() || stored.get().account().disabled()) {
      Passwords.verifyNobody(password);
      ok = false;
    } else {
      ok = Passwords.verify(password, stored.get().passwordHash());
    }
    if (!ok) {
      byUser.failed(name);
      byAddress.failed(address);
      return new Result(null, false);
    }
    byUser.succeeded(name);
    return new Result(stored.get().account(), false);
  }
}
