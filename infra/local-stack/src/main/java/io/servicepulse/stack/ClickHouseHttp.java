// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.stack;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Runs SQL over ClickHouse's HTTP interface ({@code POST /?database=...}, query in the body), for
 * health checks, admin and test assertions. Jobs write through the native JDBC driver instead.
 */
public final class ClickHouseHttp {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration PING_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(60);
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

  private final URI base;
  private final HttpClient client;

  public ClickHouseHttp(String host, int httpPort) {
    this.base = URI.create("http://" + host + ":" + httpPort + "/");
    this.client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
  }

  /** True if the server answers {@code GET /ping} with "Ok.". */
  public boolean ping() {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve("ping")).timeout(PING_TIMEOUT).GET().build();
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 && response.body().startsWith("Ok.");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Runs a statement that returns no rows (DDL, INSERT ... VALUES) in {@code database}. */
  public void execute(String database, String sql) {
    send(database, sql);
  }

  /**
   * Runs a query in {@code database} and returns its rows as TabSeparated text fields, NULL as
   * {@code null}. The query must not carry its own FORMAT clause.
   */
  public List<List<String>> query(String database, String sql) {
    return TabSeparated.parse(send(database, sql));
  }

  public void createDatabase(String name) {
    send("default", "CREATE DATABASE IF NOT EXISTS " + quoteIdentifier(name));
  }

  public void dropDatabase(String name) {
    send("default", "DROP DATABASE IF EXISTS " + quoteIdentifier(name));
  }

  /** Quotes a generated identifier; anything but letters, digits and '_' is refused. */
  static String quoteIdentifier(String name) {
    if (!IDENTIFIER.matcher(name).matches()) {
      throw new IllegalArgumentException("Not a plain ClickHouse identifier: " + name);
    }
    return "`" + name + "`";
  }

  private String send(String database, String sql) {
    URI uri =
        base.resolve(
            "?database="
                + URLEncoder.encode(database, StandardCharsets.UTF_8)
                + "&default_format=TabSeparated");
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(QUERY_TIMEOUT)
            .POST(HttpRequest.BodyPublishers.ofString(sql, StandardCharsets.UTF_8))
            .build();
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ClickHouseHttpException("ClickHouse at " + base + " is unreachable: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClickHouseHttpException("Interrupted while querying ClickHouse at " + base, e);
    }
    if (response.statusCode() != 200) {
      throw new ClickHouseHttpException(
          "ClickHouse at "
              + base
              + " rejected the query (HTTP "
              + response.statusCode()
              + "): "
              + response.body().strip()
              + "\nQuery: "
              + sql);
    }
    return response.body();
  }

  /** ClickHouse refused a statement or could not be reached. */
  public static final class ClickHouseHttpException extends RuntimeException {

    ClickHouseHttpException(String message) {
      super(message);
    }

    ClickHouseHttpException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
