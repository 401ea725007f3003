// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review.store;

import io.servicepulse.review.auth.Account;

/** An account as stored in {@code review_users}: the account and its bcrypt hash. */
public record StoredAccount(Account account, String passwordHash, long version) {}
