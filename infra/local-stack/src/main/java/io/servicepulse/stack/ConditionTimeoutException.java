// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.stack;

/** A condition polled by {@link Polling#pollUntil} did not become true before its deadline. */
public final class ConditionTimeoutException extends RuntimeException {

  ConditionTimeoutException(String message, Throwable lastFailure) {
    super(message, lastFailure);
  }
}
