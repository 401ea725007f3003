// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review;

import static io.servicepulse.review.ReviewFixtures.M1;
import static io.servicepulse.review.ReviewFixtures.M2;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * No acknowledged verdict is lost: concurrent verdicts on one message are all kept (the latest
 * wins), a verdict survives a restart of the console and a crash of ClickHouse, and while
 * ClickHouse is down a verdict is refused instead of acknowledged.
 */
class ReviewVerdictDurabilityITCase extends ConsoleTestBase {

  @Test
  void concurrentVerdictsOnOneMessageAreAllKeptAndTheLatestWins() throws Exception {
    ConsoleClient reviewer = as("rev");
    ConsoleClient lead = as("lead");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Integer>> answers = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        int n = i;
        answers.add(pool.submit(() -> verdict(reviewer, M2, "confirm", "rev " + n)));
        answers.add(pool.submit(() -> verdict(lead, M2, "false_alarm", "lead " + n)));
      }
      for (Future<Integer> answer : answers) {
        assertThat(answer.get()).isEqualTo(303);
      }
    } finally {
      pool.shutdown();
    }
    List<List<String>> rows =
        STACK.queryClickHouse(
            "SELECT decided_ms, decision FROM qa_verdicts WHERE message_id = '"
                + M2
                + "' ORDER BY decided_ms, verdict_id");
    assertThat(rows).hasSize(10);
    assertThat(rows.stream().map(r -> r.get(0)).distinct()).hasSize(10);
    String latest = rows.get(rows.size() - 1).get(1);
    String status = "confirm".equals(latest) ? "确认违规 Confirmed" : "误报 False alarm";
    assertThat(reviewer.get("/message/" + M2).body()).contains("id=\"status\">" + status + "<");
  }

  @Test
  void anAcknowledgedVerdictSurvivesAConsoleRestartAndAClickHouseCrash() throws Exception {
    assertThat(verdict(as("rev"), M1, "unsure", "before the crash")).isEqualTo(303);

    STACK.killClickHouse();
    STACK.startClickHouse();
    server.close();
    server = fixtures.startServer();

    assertThat(
            STACK.queryClickHouse(
                "SELECT count() FROM qa_verdicts WHERE comment = 'before the crash'"))
        .isEqualTo(List.of(List.of("1")));
    assertThat(as("rev").get("/message/" + M1).body())
        .contains("before the crash")
        .contains("id=\"status\">不确定 Unsure<");
  }

  @Test
  void whileClickHouseIsDownAVerdictIsRefusedNotAcknowledged() throws Exception {
    ConsoleClient reviewer = as("lead");
    reviewer.get("/message/" + M1);
    STACK.stopClickHouse();
    try {
      assertThat(verdict(reviewer, M1, "confirm", "during the outage")).isEqualTo(500);
    } finally {
      STACK.startClickHouse();
    }
    assertThat(
            STACK.queryClickHouse(
                "SELECT count() FROM qa_verdicts WHERE comment = 'during the outage'"))
        .isEqualTo(List.of(List.of("0")));
    assertThat(verdict(reviewer, M1, "confirm", "after the outage")).isEqualTo(303);
  }

  private static int verdict(
      ConsoleClient client, String messageId, String decision, String comment) throws Exception {
    return client
        .post(
            "/message/" + messageId + "/verdict", Map.of("decision", decision, "comment", comment))
        .statusCode();
  }
}
