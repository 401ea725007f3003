// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.aftersales;

import static io.servicepulse.common.testing.EventFixtures.rating;
import static io.servicepulse.common.testing.EventFixtures.secs;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicepulse.common.clickhouse.ClickHouseMigrations;
import io.servicepulse.common.clickhouse.ClickHouseTable;
import io.servicepulse.events.ServiceFeedback;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The job's tables bind exactly the columns their DDL declares (bar server-derived ones). */
class TablesTest {

  private static final Pattern COLUMN = Pattern.compile("^    (\\w+)\\s+(.+?),?$");

  /** The DDL's columns in order, without those the server fills (DEFAULT ...). */
  private static List<String> insertedColumns(String file) {
    String sql =
        ClickHouseMigrations.bundled().stream()
            .filter(m -> m.name().equals(file))
            .findFirst()
            .orElseThrow()
            .sql();
    List<String> columns = new ArrayList<>();
    for (String line : sql.split("\n")) {
      Matcher m = COLUMN.matcher(line);
      if (m.matches() && !m.group(2).contains("DEFAULT")) {
        columns.add(m.group(1));
      }
    }
    return columns;
  }

  @Test
  void eachTableBindsItsDdlColumns() {
    List<ClickHouseTable<?>> tables =
        List.of(
            new FeedbackTable(),
            new AfterSalesEventsTable(),
            new AgentEventsTable(),
            new FeedbackRevisionsTable(),
            new AgentKpiTable());
    List<String> files =
        List.of(
            "050_service_feedback.sql",
            "051_after_sales_events.sql",
            "052_agent_events.sql",
            "053_service_feedback_revisions.sql",
            "054_agent_kpi_daily.sql");
    for (int i = 0; i < tables.size(); i++) {
      assertThat(tables.get(i).columns())
          .as(files.get(i))
          .containsExactlyElementsOf(insertedColumns(files.get(i)));
      assertThat(insertedColumns(files.get(i)).size()).isGreaterThan(5);
    }
  }

  @Test
  void aHigherRevisionAlwaysHasAHigherVersion() {
    ServiceFeedback r0 = rating(secs(0), "fb-1", 0, "agent-1", 1).setEventId("zzzz").build();
    ServiceFeedback r1 = rating(secs(9), "fb-1", 1, "agent-1", 5).setEventId("a").build();
    ServiceFeedback r7 = rating(secs(9), "fb-1", 7, "agent-1", 5).build();
    assertThat(FeedbackTable.version(r0))
        .isLessThan(FeedbackTable.version(r1))
        .isLessThan(FeedbackTable.version(r7))
        .isNotNegative();
    assertThat(FeedbackTable.version(r1))
        .isEqualTo(FeedbackTable.version(ServiceFeedback.newBuilder(r1).build()));
    ServiceFeedback maxRevision =
        ServiceFeedback.newBuilder(r1).setRevision(Integer.MAX_VALUE).build();
    assertThat(FeedbackTable.version(maxRevision)).isPositive();
  }
}
