// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One browser-like client of the console over java.net.http: keeps the session cookie, reads the
 * CSRF token from the last page, never follows redirects (tests look at them).
 */
final class ConsoleClient {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  private static final Pattern COOKIE = Pattern.compile("sp_session=([^;]*)");

  private final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private final String base;
  private String cookie;
  private String csrf;
  HttpResponse<String> last;

  ConsoleClient(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  HttpResponse<String> get(String path) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
    return send(request);
  }

  /** POSTs the form with this session's CSRF token added. */
  HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
    Map<String, String> withToken = new LinkedHashMap<>(form);
    withToken.put("_csrf", csrf);
    return postRaw(path, withToken);
  }

  /** POSTs exactly {@code form} (no token added). */
  HttpResponse<String> postRaw(String path, Map<String, String> form) throws Exception {
    String body =
        form.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    return send(request);
  }

  /** Opens the login page and logs in; returns the answer to the login POST. */
  HttpResponse<String> login(String username, String password) throws Exception {
    get("/login");
    return post("/login", Map.of("username", username, "password", password));
  }

  /** Logs in and fails the test unless it worked. */
  ConsoleClient loggedIn(String username, String password) throws Exception {
    HttpResponse<String> response = login(username, password);
    if (response.statusCode() != 303) {
      throw new AssertionError("login of " + username + " answered " + response.statusCode());
    }
    get("/queue");
    return this;
  }

  String setCookieHeader() {
    return last.headers().firstValue("Set-Cookie").orElse("");
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    if (cookie != null) {
      request.header("Cookie", "sp_session=" + cookie);
    }
    last = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    last.headers()
        .allValues("Set-Cookie")
        .forEach(
            value -> {
              Matcher m = COOKIE.matcher(value);
              if (m.find()) {
                cookie = m.group(1).isEmpty() ? null : m.group(1);
              }
            });
    Matcher m = CSRF.matcher(last.body());
    if (m.find()) {
      csrf = m.group(1);
    }
    return last;
  }
}
