// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
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
        // ADD COLUMN has no IF NOT EXISTS on 18.16; the migrator treats "already exists" as done.
        assertThat(statement)
            .as(migration.name())
            .containsPattern("IF NOT EXISTS|IF EXISTS|^\\s*ALTER TABLE \\w+ ADD COLUMN ");
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

  @Test
  void anAddColumnThatFindsTheColumnThereCountsAsApplied() {
    SQLException exists =
        new SQLException(
            "Code: 44, e.displayText() = DB::Exception: Cannot add column retracted: column with"
                + " this name already exists");
    assertThat(
            ClickHouseMigrations.isColumnAddedBefore(
                "ALTER TABLE qa_flags ADD COLUMN retracted UInt8 DEFAULT 0", exists))
        .isTrue();
    assertThat(
            ClickHouseMigrations.isColumnAddedBefore(
                "CREATE TABLE IF NOT EXISTS t (a UInt8) ENGINE = Log", exists))
        .isFalse();
    assertThat(
            ClickHouseMigrations.isColumnAddedBefore(
                "ALTER TABLE qa_flags ADD COLUMN retracted UInt8 DEFAULT 0",
                new SQLException("Code: 60, Table servicepulse.qa_flags doesn't exist.")))
        .isFalse();
  }
}
