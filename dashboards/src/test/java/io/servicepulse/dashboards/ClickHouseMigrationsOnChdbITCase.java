// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.servicepulse.common.clickhouse.ClickHouseMigrations;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One DDL set serves ClickHouse 18.16 and 24+: every migration, and the migrator's own table and
 * queries, applied twice on a current engine (chDB, ClickHouse 26.x) as {@link
 * ClickHouseMigrations} applies them. The second pass is what a restarted job does: {@code IF NOT
 * EXISTS} statements pass and an {@code ADD COLUMN} fails with the error the migrator counts as
 * "applied before".
 */
class ClickHouseMigrationsOnChdbITCase {

  private static final Path CHDB_DIR = Path.of("chdb");

  @Test
  void everyMigrationAppliesTwiceOnClickHouse26(@TempDir Path work) throws Exception {
    // A required tool that is missing fails the build (infra/setup.sh installs npm), never skips.
    assertThat(ChdbRunner.install(CHDB_DIR))
        .as("chdb (npm) could not be installed; the ClickHouse 26.x check is required")
        .isTrue();
    List<String> once = new ArrayList<>();
    once.add(ClickHouseMigrations.SCHEMA_MIGRATIONS_DDL);
    for (ClickHouseMigrations.Migration m : ClickHouseMigrations.bundled()) {
      once.addAll(m.statements());
    }
    List<String> ddl = new ArrayList<>(once);
    ddl.addAll(once);
    // The migrator's record and read, as ClickHouseMigrations.migrate runs them.
    List<Map<String, String>> queries =
        List.of(
            Map.of(
                "where",
                "record",
                "sql",
                "INSERT INTO schema_migrations (version, name, checksum, applied_ms)"
                    + " VALUES (1, '001_messages.sql', 'abc', 1), (1, '001_messages.sql', 'abc', 2)"),
            Map.of(
                "where", "read", "sql", "SELECT version, checksum FROM schema_migrations FINAL"));
    Path manifest = work.resolve("manifest.json");
    new ObjectMapper()
        .writeValue(manifest.toFile(), Map.of("ddl", ddl, "tables", List.of(), "queries", queries));

    JsonNode out = ChdbRunner.run(CHDB_DIR, manifest, work.resolve("out.json"));

    assertThat(out.path("version").asText()).startsWith("26.");
    List<String> failures = new ArrayList<>();
    int addColumnsAgain = 0;
    for (int i = 0; i < ddl.size(); i++) {
      JsonNode d = out.path("ddl").get(i);
      if (d.path("ok").asBoolean()) {
        continue;
      }
      String error = d.path("error").asText();
      boolean secondPass = i >= once.size();
      if (secondPass
          && ClickHouseMigrations.isColumnAddedBefore(ddl.get(i), new SQLException(error))) {
        addColumnsAgain++;
      } else {
        failures.add((secondPass ? "again: " : "") + ddl.get(i) + " -> " + error);
      }
    }
    assertThat(failures).isEmpty();
    long addColumns = once.stream().filter(s -> s.contains(" ADD COLUMN ")).count();
    assertThat(addColumns).isPositive();
    assertThat(addColumnsAgain).isEqualTo(addColumns);
    assertThat(out.path("queries").findValuesAsText("error")).isEmpty();
    assertThat(out.path("queries").get(1).path("tsv").asText()).isEqualTo("1\tabc\n");
  }
}
