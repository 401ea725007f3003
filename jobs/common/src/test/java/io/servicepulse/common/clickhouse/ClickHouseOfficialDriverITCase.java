// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicepulse.stack.LocalStackExtension;
import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The official {@code com.clickhouse} driver over HTTP against the only server here, ClickHouse
 * 18.16. That server ignores the driver's {@code X-ClickHouse-Database} and {@code
 * X-ClickHouse-Format} headers (it reads the database and format from the query string only), so
 * every statement runs in {@code default} and no SELECT gives the driver a ResultSet. What does
 * work is checked here with the database named in the statements: the factory opens the driver on
 * the HTTP port, DDL runs, the sink's batch INSERT writes, and its socket timeout bounds a read.
 * The migrations need a SELECT: they must fail saying which driver to use instead.
 */
class ClickHouseOfficialDriverITCase {

  @RegisterExtension static final LocalStackExtension STACK = new LocalStackExtension();

  private static ClickHouseConnectionFactory official(int port, Duration timeout) {
    return new ClickHouseConnectionFactory(
        ClickHouseUrls.OFFICIAL_DRIVER,
        "jdbc:clickhouse://127.0.0.1:" + port + "/" + STACK.database(),
        "default",
        "",
        timeout,
        timeout);
  }

  private static void createProbe(String table) throws SQLException {
    try (Connection connection =
            official(STACK.clickHouseHttpPort(), Duration.ofSeconds(10)).open();
        Statement st = connection.createStatement()) {
      st.execute(
          "CREATE TABLE IF NOT EXISTS "
              + STACK.database()
              + "."
              + table
              + " (id Int64, status Enum8('ok' = 1)) ENGINE = ReplacingMergeTree ORDER BY id");
    }
  }

  @Test
  void theSinksBatchInsertWritesEveryRowOverHttp() throws Exception {
    createProbe("probe_http");
    ProbeTable probe = new ProbeTable(STACK.database() + ".probe_http");
    try (BatchInserter inserter =
        new BatchInserter(
            official(STACK.clickHouseHttpPort(), Duration.ofSeconds(10)),
            0,
            Duration.ofMillis(10))) {
      // Row 13 is the probe's refused one; its dead letter would go to default.dead_letters.
      assertThat(inserter.insert("http-test", probe, ProbeTable.rows(1, 12))).isEmpty();
      assertThat(inserter.insert("http-test", probe, ProbeTable.rows(14, 40))).isEmpty();
    }
    assertThat(STACK.queryClickHouse("SELECT count(), sum(id) FROM probe_http FINAL"))
        .isEqualTo(List.of(List.of("39", String.valueOf(40 * 41 / 2 - 13))));
  }

  @Test
  void aMissingTableIsRetriedNotDeadLettered() {
    // The driver reports every server error as SQLState 22000 (a data exception) with code 0;
    // only the server's code 60 in its cause keeps these good rows out of the dead letters.
    ProbeTable missing = new ProbeTable(STACK.database() + ".missing_http");
    assertThatThrownBy(
            () -> {
              try (BatchInserter inserter =
                  new BatchInserter(
                      official(STACK.clickHouseHttpPort(), Duration.ofSeconds(10)),
                      1,
                      Duration.ofMillis(10))) {
                inserter.insert("missing-test", missing, ProbeTable.rows(1, 5));
              }
            })
        .hasMessageContaining("failed 2 times in one flush")
        .hasMessageContaining("ClickHouse error 60");
  }

  @Test
  void aFrozenServerFailsTheAttemptAfterTheSocketTimeout() throws Exception {
    createProbe("probe_frozen");
    ProbeTable probe = new ProbeTable(STACK.database() + ".probe_frozen");
    try (FreezableProxy proxy =
            new FreezableProxy(STACK.clickHouseHost(), STACK.clickHouseHttpPort());
        BatchInserter inserter =
            new BatchInserter(
                official(proxy.port(), Duration.ofSeconds(1)), 2, Duration.ofMillis(100))) {
      inserter.insert("frozen-test", probe, ProbeTable.rows(100, 109));
      proxy.freeze();
      long start = System.nanoTime();
      assertThatThrownBy(() -> inserter.insert("frozen-test", probe, ProbeTable.rows(110, 119)))
          .hasMessageContaining("failed 3 times in one flush")
          .hasRootCauseInstanceOf(SocketTimeoutException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
      ScheduledExecutorService thaw = Executors.newSingleThreadScheduledExecutor();
      thaw.schedule(proxy::thaw, 1500, TimeUnit.MILLISECONDS);
      inserter.insert("frozen-test", probe, ProbeTable.rows(110, 119));
      thaw.shutdown();
    }
    assertThat(STACK.queryClickHouse("SELECT count() FROM probe_frozen FINAL"))
        .isEqualTo(List.of(List.of("20")));
  }

  @Test
  void migratingThroughTheOfficialDriverOn18_16FailsSayingWhichDriverToUse() {
    // Its CREATE TABLE schema_migrations lands in default (the database header is ignored).
    String there =
        "SELECT count() FROM system.tables WHERE database = 'default'"
            + " AND name = 'schema_migrations'";
    boolean before = STACK.queryClickHouse(there).equals(List.of(List.of("1")));
    try {
      assertThatThrownBy(
              () ->
                  new ClickHouseMigrations(
                          official(STACK.clickHouseHttpPort(), Duration.ofSeconds(10)))
                      .migrate())
          .isInstanceOf(SQLException.class)
          .hasMessageContaining(
              "cannot read schema_migrations through " + ClickHouseUrls.OFFICIAL_DRIVER)
          .hasMessageContaining("clickhouse.driver=" + ClickHouseUrls.NATIVE_DRIVER);
    } finally {
      if (!before) {
        STACK.executeClickHouse("DROP TABLE IF EXISTS default.schema_migrations");
      }
    }
  }
}
