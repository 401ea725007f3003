// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicepulse.common.clickhouse.ClickHouseMigrations;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Each table's columns in code are exactly the DDL's columns that have no DEFAULT. */
class TablesTest {

  private static final Pattern CREATE =
      Pattern.compile("CREATE TABLE IF NOT EXISTS (\\w+)\\s*\\((.*?)\\)\\s*ENGINE", Pattern.DOTALL);
  private static final Pattern COLUMN = Pattern.compile("^\\s*(\\w+)\\s+(\\S+)(.*)$");

  @Test
  void columnsInCodeMatchTheDdl() {
    for (Table<?> table : Tables.ALL) {
      assertThat(table.columnNames()).as(table.name()).isEqualTo(ddlColumns(table.name()));
    }
  }

  @Test
  void insertsBindEveryColumnAsAParameter() {
    assertThat(Tables.QA_APPEALS.insertSql())
        .isEqualTo(
            "INSERT INTO qa_appeals (appeal_id, message_id, shop_id, agent_id, filed_by, reason,"
                + " filed_ms) VALUES (?, ?, ?, ?, ?, ?, ?)");
  }

  private static List<String> ddlColumns(String table) {
    for (ClickHouseMigrations.Migration migration : ClickHouseMigrations.bundled()) {
      Matcher create = CREATE.matcher(migration.sql());
      if (create.find() && create.group(1).equals(table)) {
        List<String> columns = new ArrayList<>();
        for (String line : create.group(2).split("\n")) {
          Matcher column = COLUMN.matcher(line.replace(",", ""));
          if (column.matches() && !column.group(3).contains("DEFAULT")) {
            columns.add(column.group(1));
          }
        }
        return columns;
      }
    }
    throw new AssertionError("no DDL for " + table);
  }
}
