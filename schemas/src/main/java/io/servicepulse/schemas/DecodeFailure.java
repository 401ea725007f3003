// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.schemas;

/** Why a record's bytes could not be turned into an event; stored with its dead letter. */
public enum DecodeFailure {
  /** Null or zero-length value. */
  EMPTY,
  /** Not Avro single-object encoding: the 0xC3 0x01 marker is missing. */
  BAD_HEADER,
  /** The header names a schema fingerprint no released version has. */
  UNKNOWN_SCHEMA,
  /** The header is fine but the body does not decode with that schema. */
  CORRUPT,
  /** The body decodes, but a string field holds bytes that are not UTF-8. */
  INVALID_UTF8
}
