// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.stack;

/** A local server could not be started; the message says why and what to do. */
public final class ServerStartException extends RuntimeException {

  ServerStartException(String message) {
    super(message);
  }

  ServerStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
