// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review.web;

/** Ends a request with an HTTP status and a bilingual message for the error page. */
public final class HttpError extends RuntimeException {

  private final int status;

  public HttpError(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }

  public static HttpError badRequest(String message) {
    return new HttpError(400, message);
  }

  public static HttpError forbidden() {
    return new HttpError(403, "无权访问 Forbidden");
  }

  public static HttpError notFound() {
    return new HttpError(404, "未找到 Not found");
  }

  public static HttpError conflict(String message) {
    return new HttpError(409, message);
  }
}
