// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review;

import static io.servicepulse.review.ReviewFixtures.M1;
import static io.servicepulse.review.ReviewFixtures.M2;
import static io.servicepulse.review.ReviewFixtures.M3;
import static io.servicepulse.review.ReviewFixtures.M9;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The console over real HTTP against a real ClickHouse: login, rate limit, CSRF, who sees what,
 * verdicts (latest wins, every one audited), appeals (once), escaping of user text.
 */
class ReviewConsoleITCase extends ConsoleTestBase {

  @Test
  void loginWorksAndAWrongPasswordDoesNot() throws Exception {
    ConsoleClient anonymous = new ConsoleClient(server.port());
    assertThat(anonymous.get("/queue").statusCode()).isEqualTo(302);

    HttpResponse<String> wrong = anonymous.login("rev", "not-the-password");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).contains("用户名或密码错误");
    assertThat(anonymous.get("/queue").statusCode()).isEqualTo(302);

    ConsoleClient client = new ConsoleClient(server.port());
    HttpResponse<String> ok = client.login("rev", fixtures.passwords.get("rev"));
    assertThat(ok.statusCode()).isEqualTo(303);
    assertThat(client.setCookieHeader()).contains("HttpOnly").contains("SameSite=Strict");
    HttpResponse<String> queue = client.get("/queue");
    assertThat(queue.statusCode()).isEqualTo(200);
    assertThat(queue.body()).contains(M1).contains(M2).doesNotContain(M9).doesNotContain(M3);
    assertThat(client.get("/queue?tab=buyer").body()).contains(M3).doesNotContain(M1);
  }

  @Test
  void loginIsRateLimitedPerUser() throws Exception {
    ConsoleClient client = new ConsoleClient(server.port());
    for (int i = 0; i < 5; i++) {
      assertThat(client.login("victim", "guess-" + i).statusCode()).isEqualTo(401);
    }
    HttpResponse<String> limited = client.login("victim", fixtures.passwords.get("victim"));
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.body()).contains("尝试次数过多");
  }

  @Test
  void aPostWithoutTheCsrfTokenIsRefused() throws Exception {
    ConsoleClient client = as("rev");
    Map<String, String> form = Map.of("decision", "confirm", "comment", "csrf probe");
    assertThat(client.postRaw("/message/" + M1 + "/verdict", form).statusCode()).isEqualTo(403);
    assertThat(
            client
                .postRaw(
                    "/message/" + M1 + "/verdict",
                    Map.of("decision", "confirm", "comment", "csrf probe", "_csrf", "forged"))
                .statusCode())
        .isEqualTo(403);
    assertThat(client.postRaw("/login", Map.of("username", "rev", "password", "x")).statusCode())
        .isEqualTo(403);
    assertThat(
            STACK.queryClickHouse("SELECT count() FROM qa_verdicts WHERE comment = 'csrf probe'"))
        .isEqualTo(List.of(List.of("0")));
  }

  @Test
  void anAgentSeesOnlyTheirOwnFlagsAndNobodyAnotherShops() throws Exception {
    ConsoleClient agent1 = as("agent1");
    assertThat(agent1.get("/queue").body()).contains(M1).doesNotContain(M2).doesNotContain(M9);
    assertThat(agent1.get("/message/" + M1).statusCode()).isEqualTo(200);
    assertThat(agent1.get("/message/" + M2).statusCode()).isEqualTo(403);
    assertThat(agent1.get("/message/" + M9).statusCode()).isEqualTo(403);
    assertThat(agent1.get("/message/no-such-message").statusCode()).isEqualTo(404);

    ConsoleClient agent9 = as("agent9");
    assertThat(agent9.get("/queue").body()).contains(M9).doesNotContain(M1);
    assertThat(agent9.get("/message/" + M1).statusCode()).isEqualTo(403);

    ConsoleClient reviewer = as("rev");
    assertThat(reviewer.get("/message/" + M9).statusCode()).isEqualTo(403);
    assertThat(
            reviewer
                .post("/message/" + M9 + "/verdict", Map.of("decision", "confirm"))
                .statusCode())
        .isEqualTo(403);
  }

  @Test
  void aManagerReadsButCannotJudge() throws Exception {
    ConsoleClient manager = as("mgr");
    HttpResponse<String> page = manager.get("/message/" + M2);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).doesNotContain("verdict-form");
    assertThat(
            manager.post("/message/" + M2 + "/verdict", Map.of("decision", "confirm")).statusCode())
        .isEqualTo(403);
  }

  @Test
  void everyVerdictIsStoredAndTheLatestWins() throws Exception {
    ConsoleClient reviewer = as("rev");
    HttpResponse<String> first =
        reviewer.post(
            "/message/" + M2 + "/verdict", Map.of("decision", "confirm", "comment", "rude"));
    assertThat(first.statusCode()).isEqualTo(303);
    ConsoleClient lead = as("lead");
    lead.get("/message/" + M2);
    assertThat(
            lead.post(
                    "/message/" + M2 + "/verdict",
                    Map.of("decision", "false_alarm", "severity", "3", "comment", "context ok"))
                .statusCode())
        .isEqualTo(303);

    assertThat(
            STACK.queryClickHouse(
                "SELECT reviewer, decision, kind FROM qa_verdicts WHERE message_id = '"
                    + M2
                    + "' ORDER BY decided_ms"))
        .containsExactly(
            List.of("rev", "confirm", "verdict"), List.of("lead", "false_alarm", "verdict"));
    HttpResponse<String> page = reviewer.get("/message/" + M2);
    assertThat(page.body())
        .contains("id=\"status\">误报 False alarm")
        .contains("id=\"severity\">严重 3 high");
    assertThat(page.body()).contains("rude").contains("context ok");

    HttpResponse<String> allow = reviewer.get("/export/false-alarms.tsv?format=allow");
    assertThat(allow.statusCode()).isEqualTo(200);
    assertThat(allow.body()).contains("自己不会\tzh\tfalse alarm of zh.impatience.ask on " + M2);
    assertThat(reviewer.get("/export/false-alarms.tsv?format=gold").body())
        .contains("rv-" + M2 + "\tzh\tAGENT\tlookalike\t-\t自己不会看吗");
    assertThat(as("agent2").get("/export/false-alarms.tsv?format=allow").statusCode())
        .isEqualTo(403);
  }

  @Test
  void anAgentAppealsAConfirmedFlagOnceAndAQaLeadDecides() throws Exception {
    ConsoleClient agent1 = as("agent1");
    agent1.get("/message/" + M1);
    assertThat(agent1.post("/message/" + M1 + "/appeal", Map.of("reason", "quoted")).statusCode())
        .as("not confirmed yet")
        .isEqualTo(409);

    ConsoleClient reviewer = as("rev");
    reviewer.get("/message/" + M1);
    reviewer.post("/message/" + M1 + "/verdict", Map.of("decision", "confirm", "severity", "2"));

    assertThat(agent1.get("/message/" + M1).body()).contains("appeal-form");
    assertThat(agent1.post("/message/" + M1 + "/appeal", Map.of("reason", "我在引用买家的话")).statusCode())
        .isEqualTo(303);
    assertThat(agent1.post("/message/" + M1 + "/appeal", Map.of("reason", "again")).statusCode())
        .isEqualTo(409);
    assertThat(agent1.get("/message/" + M1).body()).doesNotContain("appeal-form");
    assertThat(as("agent2").get("/message/" + M1).statusCode()).isEqualTo(403);

    String appealId = STACK.queryClickHouse("SELECT appeal_id FROM qa_appeals").get(0).get(0);
    assertThat(
            reviewer
                .post("/appeals/" + appealId + "/decide", Map.of("outcome", "overturn"))
                .statusCode())
        .as("only a QA lead decides")
        .isEqualTo(403);
    ConsoleClient lead = as("lead");
    assertThat(lead.get("/appeals").body()).contains("待裁定 Pending");
    assertThat(
            lead.post(
                    "/appeals/" + appealId + "/decide",
                    Map.of("outcome", "overturn", "comment", "quoting"))
                .statusCode())
        .isEqualTo(303);
    assertThat(
            lead.post("/appeals/" + appealId + "/decide", Map.of("outcome", "uphold")).statusCode())
        .isEqualTo(409);

    assertThat(
            STACK.queryClickHouse(
                "SELECT kind, decision, reviewer, appeal_id FROM qa_verdicts WHERE message_id = '"
                    + M1
                    + "' ORDER BY decided_ms"))
        .containsExactly(
            List.of("verdict", "confirm", "rev", ""),
            List.of("appeal_decision", "false_alarm", "lead", appealId));
    assertThat(agent1.get("/message/" + M1).body()).contains("误报 False alarm (申诉裁定 after appeal)");
  }

  @Test
  void userTextIsEscapedAndOversizedCommentsRefused() throws Exception {
    ConsoleClient reviewer = as("rev");
    HttpResponse<String> page = reviewer.get("/message/" + M1);
    assertThat(page.body())
        .contains("&lt;b&gt;在吗&lt;/b&gt;")
        .doesNotContain("<b>在吗")
        .doesNotContain("<i>x</i>");
    assertThat(page.body()).contains("<mark>").contains("响应 Response 40 s").contains("order-77");
    assertThat(page.body()).as("another conversation").doesNotContain("两小时后的另一次咨询");
    assertThat(reviewer.get("/message/" + M1 + "?wide=1").body()).contains("两小时后的另一次咨询");

    reviewer.post(
        "/message/" + M3 + "/verdict",
        Map.of("decision", "unsure", "comment", "<script>alert('x')</script>"));
    String after = reviewer.get("/message/" + M3).body();
    assertThat(after).contains("&lt;script&gt;").doesNotContain("<script>");

    assertThat(
            reviewer
                .post(
                    "/message/" + M3 + "/verdict",
                    Map.of("decision", "unsure", "comment", "x".repeat(2001)))
                .statusCode())
        .isEqualTo(400);
    assertThat(
            reviewer
                .post("/message/" + M3 + "/verdict", Map.of("decision", "drop table"))
                .statusCode())
        .isEqualTo(400);
  }

  @Test
  void searchByOrderIdBuyerOrKeywordAndRelatedFlags() throws Exception {
    ConsoleClient reviewer = as("rev");
    assertThat(reviewer.get("/queue?order=order-77").body()).contains(M1).doesNotContain(M2);
    assertThat(reviewer.get("/queue?tab=buyer&order=order-77").body()).contains(M3);
    assertThat(reviewer.get("/queue?order=no-such-order").body()).doesNotContain(M1);
    assertThat(reviewer.get("/queue?buyer=buyer-2").body()).contains(M2).doesNotContain(M1);
    assertThat(reviewer.get("/queue?q=" + java.net.URLEncoder.encode("不会看", "UTF-8")).body())
        .contains(M2)
        .doesNotContain(M1);
    assertThat(as("agent9").get("/queue?order=order-77").body()).doesNotContain(M1);

    String page = reviewer.get("/message/" + M1).body();
    assertThat(page).contains("id=\"buyer-flags\"").contains("/message/" + M3);
  }

  @Test
  void spotChecksDrawFromAbnormalAgentsOrAtRandom() throws Exception {
    ConsoleClient lead = as("lead");
    HttpResponse<String> byConversion = lead.get("/sample?by=conversion&n=5");
    assertThat(byConversion.statusCode()).isEqualTo(200);
    assertThat(byConversion.body())
        .contains("<td>agent-1</td><td>10.0% (1/10)</td>")
        .contains(M1)
        .doesNotContain(M2);
    assertThat(lead.get("/sample?by=random&n=5").body()).contains(M1).contains(M2);
    assertThat(lead.get("/sample?by=conversion&from=2026-03-03").body()).doesNotContain(M1);
    assertThat(as("agent1").get("/sample").statusCode()).isEqualTo(403);
  }

  @Test
  void demoUsersCoverEveryShopWithFlags() throws Exception {
    List<String> lines =
        ReviewMain.demoUsers(new String[] {"--clickhouse.url", STACK.clickHouseUrl()}, Map.of());
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).startsWith("created qa_lead demo-lead for shops shop-a,shop-b;");
    assertThat(lines.get(3)).contains("demo-agent for shops shop-a as agent agent-1");
    String password = lines.get(0).substring(lines.get(0).lastIndexOf(' ') + 1);
    ConsoleClient lead = new ConsoleClient(server.port()).loggedIn("demo-lead", password);
    assertThat(lead.get("/queue").body()).contains(M1).contains(M9);
  }

  @Test
  void aQaLeadAssignsAReviewerTakesAndTheQueueFiltersByAssignee() throws Exception {
    ConsoleClient lead = as("lead");
    assertThat(lead.post("/message/" + M3 + "/assign", Map.of("assignee", "victim")).statusCode())
        .isEqualTo(303);
    ConsoleClient reviewer = as("rev");
    assertThat(reviewer.get("/queue?tab=buyer&assignee=victim").body()).contains(M3);
    assertThat(reviewer.get("/queue?tab=buyer&assignee=rev").body()).doesNotContain(M3);
    assertThat(reviewer.post("/message/" + M3 + "/assign", Map.of("assignee", "lead")).statusCode())
        .as("a reviewer assigns only themself")
        .isEqualTo(403);
    assertThat(reviewer.post("/message/" + M3 + "/assign", Map.of("assignee", "rev")).statusCode())
        .isEqualTo(303);
    assertThat(reviewer.get("/message/" + M3).body()).contains("id=\"assignee\">rev<");
    assertThat(lead.post("/message/" + M3 + "/assign", Map.of("assignee", "agent1")).statusCode())
        .as("agents do not review")
        .isEqualTo(403);
    assertThat(lead.post("/message/" + M3 + "/assign", Map.of("assignee", "ghost")).statusCode())
        .isEqualTo(400);
    assertThat(
            lead.post("/appeals/no-such-appeal/decide", Map.of("outcome", "uphold")).statusCode())
        .isEqualTo(404);
  }

  @Test
  void aDisabledAccountCannotLogIn() throws Exception {
    String created =
        ReviewMain.createUser(
            new String[] {
              "--username",
              "leaver",
              "--role",
              "reviewer",
              "--shops",
              "shop-a",
              "--clickhouse.url",
              STACK.clickHouseUrl()
            },
            Map.of());
    String password = created.substring(created.lastIndexOf(' ') + 1);
    assertThat(new ConsoleClient(server.port()).login("leaver", password).statusCode())
        .isEqualTo(303);
    assertThat(
            ReviewMain.disableUser(
                new String[] {"--username", "leaver", "--clickhouse.url", STACK.clickHouseUrl()},
                Map.of()))
        .isEqualTo("disabled leaver");
    assertThat(
            STACK.queryClickHouse(
                "SELECT disabled FROM review_users FINAL WHERE username = 'leaver'"))
        .isEqualTo(List.of(List.of("1")));
    assertThat(new ConsoleClient(server.port()).login("leaver", password).statusCode())
        .isEqualTo(401);
  }
}
