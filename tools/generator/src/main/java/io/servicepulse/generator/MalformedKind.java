// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.generator;

/** The shapes of bad input written raw to the topics; each must end in dead letters. */
enum MalformedKind {
  /** Arbitrary bytes, never starting with the single-object marker. */
  RANDOM_BYTES,
  /** A valid encoding cut short inside its body. */
  TRUNCATED,
  /** A valid body behind a wrong marker. */
  BAD_HEADER,
  /** The right marker and a schema fingerprint no released version has. */
  UNKNOWN_FINGERPRINT
}
