// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.schemas;

import java.util.Objects;

/** Either a decoded event or the reason it could not be decoded; decoding never throws. */
public final class DecodeResult<T> {

  private final T event;
  private final DecodeFailure failure;
  private final String detail;

  private DecodeResult(T event, DecodeFailure failure, String detail) {
    this.event = event;
    this.failure = failure;
    this.detail = detail;
  }

  public static <T> DecodeResult<T> ok(T event) {
    return new DecodeResult<>(Objects.requireNonNull(event), null, null);
  }

  public static <T> DecodeResult<T> failed(DecodeFailure failure, String detail) {
    return new DecodeResult<>(null, Objects.requireNonNull(failure), detail);
  }

  public boolean isOk() {
    return failure == null;
  }

  public T event() {
    if (!isOk()) {
      throw new IllegalStateException("not decoded: " + failure + " " + detail);
    }
    return event;
  }

  public DecodeFailure failure() {
    return failure;
  }

  /** Human-readable explanation, e.g. the unknown fingerprint or Avro's own message. */
  public String detail() {
    return detail;
  }

  @Override
  public String toString() {
    return isOk() ? "ok(" + event + ")" : failure + ": " + detail;
  }
}
