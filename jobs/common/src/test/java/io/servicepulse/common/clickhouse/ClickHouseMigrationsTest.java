package io.servicepulse.common.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClickHouseMigrationsTest {

  @Test
  void bundledMigrationsAreNumberedUniquelyAndInOrder() {
    List<ClickHouseMigrations.Migration> migrations = ClickHouseMigrations.bundled();
    assertThat(migrations).isNotEmpty();
    assertThat(migrations.get(0).name()).isEqualTo("001_messages.sql");
    assertThat(migrations)
        .extracting(ClickHouseMigrations.Migration::version)
        .isSorted()
        .doesNotHaveDuplicates();
  }

  @Test
  void everyMigrationHasAHeaderSayingWhatARowIsAndIsIdempotent() {
    for (ClickHouseMigrations.Migration migration : ClickHouseMigrations.bundled()) {
      assertThat(migration.sql()).as(migration.name()).startsWith("-- ");
      for (String statement : migration.statements()) {
        assertThat(statement).as(migration.name()).containsPattern("IF NOT EXISTS|IF EXISTS");
      }
    }
  }

  @Test
  void statementsAreSplitAtSemicolonsAndCommentsDropped() {
    var migration =
        new ClickHouseMigrations.Migration(
            9,
            "009_x.sql",
            "-- header\nCREATE TABLE IF NOT EXISTS a (x UInt8) ENGINE = Log;\n"
                + "-- second\nCREATE TABLE IF NOT EXISTS b (x UInt8) ENGINE = Log;\n");
    assertThat(migration.statements())
        .containsExactly(
            "CREATE TABLE IF NOT EXISTS a (x UInt8) ENGINE = Log",
            "CREATE TABLE IF NOT EXISTS b (x UInt8) ENGINE = Log");
  }

  @Test
  void databaseAndServerUrlComeFromTheJdbcUrl() {
    String url = "jdbc:clickhouse://127.0.0.1:9000/servicepulse?compress=false";
    assertThat(ClickHouseUrls.database(url)).isEqualTo("servicepulse");
    assertThat(ClickHouseUrls.serverUrl(url))
        .isEqualTo("jdbc:clickhouse://127.0.0.1:9000/default?compress=false");
  }
}
