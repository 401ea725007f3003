// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review.web;

import io.servicepulse.review.auth.Account;
import io.servicepulse.review.auth.Role;
import io.servicepulse.review.conversation.Segment;
import io.servicepulse.review.conversation.TimelineEntry;
import io.servicepulse.review.precision.PrecisionRow;
import io.servicepulse.review.queue.Appeal;
import io.servicepulse.review.queue.Decision;
import io.servicepulse.review.queue.QueueFilter;
import io.servicepulse.review.queue.QueueItem;
import io.servicepulse.review.queue.QueuePage;
import io.servicepulse.review.queue.RelatedFlags;
import io.servicepulse.review.queue.Tab;
import io.servicepulse.review.queue.Verdict;
import io.servicepulse.review.sample.AgentRate;
import io.servicepulse.review.sample.Criterion;
import io.servicepulse.review.score.Deductions;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/** The console's server-rendered pages. All text goes through {@link Html}, escaped. */
public final class Pages {

  /** What the message page may offer the account looking at it. */
  public record MessageActions(
      boolean judge,
      boolean assign,
      boolean appeal,
      boolean appealFiled,
      boolean decideAppeal,
      boolean retracted) {}

  /** A spot check: how it was drawn, the abnormal agents (none for random), the sample. */
  public record SampleView(
      Criterion criterion,
      int perAgent,
      long seed,
      QueueFilter filter,
      List<AgentRate> abnormal,
      List<QueueItem> sample) {}

  /** One line of the appeals page: the appeal, its decision if made (null if pending). */
  public record AppealLine(Appeal appeal, Verdict decision) {}

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final ZoneId zone;

  public Pages(ZoneId zone) {
    this.zone = zone;
  }

  public String login(String csrf, String error) {
    return layout(
        "登录 Log in",
        null,
        csrf,
        h -> {
          h.el("h1", "质检复核台 QA review console");
          if (error != null) {
            h.el("p", error, "class", "error", "id", "error");
          }
          postForm(h, csrf, "/login", "login-form");
          h.open("label").text("用户名 Username ");
          h.empty("input", "name", "username", "id", "username", "autocomplete", "username");
          h.close("label");
          h.open("label").text("密码 Password ");
          h.empty(
              "input",
              "name",
              "password",
              "id",
              "password",
              "type",
              "password",
              "autocomplete",
              "current-password");
          h.close("label");
          h.el("button", "登录 Log in", "type", "submit", "id", "login");
          h.close("form");
        });
  }

  public String queue(
      Account account, String csrf, QueuePage page, QueueFilter filter, List<Account> judges) {
    return layout(
        "待审队列 Queue",
        account,
        csrf,
        h -> {
          h.open("nav", "class", "tabs");
          for (Tab tab : Tab.values()) {
            int count = tab == filter.tab() ? page.tabTotal() : page.otherTabTotal();
            h.el(
                "a",
                tab.words().both() + " (" + count + ")",
                "href",
                "/queue?tab=" + tab.words().id(),
                "class",
                tab == filter.tab() ? "tab active" : "tab");
          }
          h.close("nav");
          filterForm(h, filter);
          h.el(
              "p",
              "筛选隐藏 Hidden by filters: "
                  + page.hiddenByFilters()
                  + " · 符合 Matching: "
                  + page.matching()
                  + (page.beyondLimit() > 0 ? " · 后续页 On later pages: " + page.beyondLimit() : ""),
              "class",
              "hidden-count",
              "id",
              "hidden-count");
          pager(h, page, filter);
          h.open("table", "class", "queue", "id", "queue");
          h.open("thead").open("tr");
          for (String head :
              List.of(
                  "状态 Status",
                  "严重度 Severity",
                  "时间 Time",
                  "店铺 Shop",
                  "客服 Agent",
                  "买家 Buyer",
                  "类别 Category",
                  "规则 Rule",
                  "内容 Text",
                  "指派 Assignee")) {
            h.el("th", head);
          }
          h.close("tr").close("thead").open("tbody");
          for (QueueItem item : page.shown()) {
            h.open("tr", "class", item.reviewed() ? "reviewed" : "unreviewed");
            h.el("td", status(item));
            h.el("td", Labels.severity(item.severity()), "class", "sev" + item.severity());
            h.el("td", time(item.tsMs()));
            h.el("td", item.shopId());
            h.el("td", item.agentId());
            h.el("td", item.buyerId());
            h.el(
                "td",
                String.join(
                    ", ", item.effectiveCategories().stream().map(Labels::category).toList()));
            h.el("td", String.join(", ", item.rules()));
            h.open("td");
            h.el("a", abbreviate(item.maskedText(), 60), "href", "/message/" + item.messageId());
            h.close("td");
            h.open("td");
            h.text(item.assignee());
            if (account.role().judges()) {
              assignForm(h, account, csrf, item, judges);
            }
            h.close("td");
            h.close("tr");
          }
          h.close("tbody").close("table");
        });
  }

  /** Page links that keep the filters: 上一页 previous, 第 n/N 页, 下一页 next. */
  private void pager(Html h, QueuePage page, QueueFilter f) {
    if (page.pages() <= 1) {
      return;
    }
    h.open("nav", "class", "pager", "id", "pager");
    if (page.page() > 0) {
      h.el("a", "上一页 Previous", "href", queueUrl(f, page.page() - 1), "id", "previous-page");
    }
    h.el("span", " 第 " + (page.page() + 1) + " / " + page.pages() + " 页 Page ");
    if (page.page() + 1 < page.pages()) {
      h.el("a", "下一页 Next", "href", queueUrl(f, page.page() + 1), "id", "next-page");
    }
    h.close("nav");
  }

  /** The queue URL of {@code f}, page {@code page} (0 = first), every value URL-encoded. */
  static String queueUrl(QueueFilter f, int page) {
    java.util.Map<String, String> q = new java.util.LinkedHashMap<>();
    q.put("tab", f.tab().words().id());
    q.put("shop", f.shop());
    q.put("team", f.team());
    q.put("agent", f.agent());
    q.put("category", f.category());
    q.put("rule", f.rule());
    q.put("severity", f.severity() == 0 ? "" : String.valueOf(f.severity()));
    q.put("from", f.from() == null ? "" : f.from().toString());
    q.put("to", f.to() == null ? "" : f.to().toString());
    q.put("status", f.status());
    q.put("assignee", f.assignee());
    q.put("buyer", f.buyer());
    q.put("q", f.keyword());
    q.put("order", f.order());
    StringBuilder url = new StringBuilder("/queue?");
    q.forEach(
        (k, v) -> {
          if (!v.isEmpty()) {
            url.append(k)
                .append('=')
                .append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8))
                .append('&');
          }
        });
    return url.append("page=").append(page + 1).toString();
  }

  private void filterForm(Html h, QueueFilter f) {
    h.open("form", "method", "get", "action", "/queue", "class", "filters");
    h.hidden("tab", f.tab().words().id());
    field(h, "shop", "店铺 Shop", f.shop());
    field(h, "team", "组 Team", f.team());
    field(h, "agent", "客服 Agent", f.agent());
    field(h, "category", "类别 Category", f.category());
    field(h, "rule", "规则 Rule", f.rule());
    field(h, "severity", "严重度 Severity", f.severity() == 0 ? "" : String.valueOf(f.severity()));
    field(h, "from", "从 From", f.from() == null ? "" : f.from().toString());
    field(h, "to", "到 To", f.to() == null ? "" : f.to().toString());
    h.open("label").text("状态 Status ");
    h.open("select", "name", "status");
    option(h, "", "全部 All", f.status());
    option(h, "unreviewed", "待审 Unreviewed", f.status());
    option(h, "reviewed", "已审 Reviewed", f.status());
    h.close("select").close("label");
    field(h, "assignee", "指派给 Assignee", f.assignee());
    field(h, "buyer", "买家 Buyer", f.buyer());
    field(h, "order", "订单号 Order id", f.order());
    field(h, "q", "关键词 Keyword", f.keyword());
    h.el("button", "筛选 Filter", "type", "submit");
    h.close("form");
  }

  private static void field(Html h, String name, String label, String value) {
    h.open("label").text(label + " ");
    h.empty("input", "name", name, "value", value, "size", "10");
    h.close("label");
  }

  private static void option(Html h, String value, String label, String selected) {
    h.el("option", label, "value", value, "selected", value.equals(selected) ? "selected" : null);
  }

  private void assignForm(
      Html h, Account account, String csrf, QueueItem item, List<Account> judges) {
    postForm(h, csrf, "/message/" + item.messageId() + "/assign", null);
    if (account.role() == Role.QA_LEAD) {
      h.open("select", "name", "assignee");
      for (Account judge : judges) {
        if (judge.shops().contains(item.shopId())) {
          option(h, judge.username(), judge.username(), item.assignee());
        }
      }
      h.close("select");
      h.el("button", "指派 Assign", "type", "submit");
    } else {
      h.hidden("assignee", account.username());
      h.el("button", "领取 Take", "type", "submit");
    }
    h.close("form");
  }

  public String message(
      int deduction,
      Account account,
      String csrf,
      QueueItem item,
      List<TimelineEntry> timeline,
      List<Verdict> history,
      List<Appeal> appeals,
      RelatedFlags related,
      MessageActions actions,
      String notice,
      boolean wide) {
    return layout(
        "会话 Conversation",
        account,
        csrf,
        h -> {
          h.el("h1", "会话 Conversation · " + item.shopId() + " · " + item.buyerId());
          if (notice != null) {
            h.el("p", notice, "class", "notice", "id", "notice");
          }
          if (actions.retracted()) {
            h.el(
                "p",
                "已撤回：重新质检后这些规则不再触发，此消息已移出队列，复核记录保留。"
                    + " Retracted: after re-inspection these rules no longer fire; the message left"
                    + " the queue, its verdicts stay below.",
                "class",
                "notice retracted",
                "id",
                "retracted");
          }
          h.open("dl", "class", "facts");
          fact(h, "状态 Status", status(item), "status");
          fact(h, "严重度 Severity", Labels.severity(item.severity()), "severity");
          fact(
              h,
              "类别 Category",
              String.join(", ", item.effectiveCategories().stream().map(Labels::category).toList()),
              "category");
          fact(h, "规则 Rules", String.join(", ", item.rules()), "rules");
          fact(h, "客服 Agent", item.agentId(), "agent");
          fact(h, "指派 Assignee", item.assignee(), "assignee");
          fact(h, "扣分 Deduction", String.valueOf(deduction), "deduction");
          h.close("dl");

          h.el("h2", "时间线 Timeline");
          h.el(
              "a",
              wide ? "只看本次会话 This conversation only" : "显示前后三天 Show three days around it",
              "href",
              "/message/" + item.messageId() + (wide ? "" : "?wide=1"),
              "id",
              "widen");
          h.open("ol", "class", "timeline", "id", "timeline");
          for (TimelineEntry entry : timeline) {
            timelineEntry(h, entry);
          }
          h.close("ol");

          h.el("h2", "复核记录 Verdicts (audit trail)");
          h.open("table", "class", "history", "id", "history");
          h.open("tr");
          for (String head :
              List.of(
                  "时间 When",
                  "人 Who",
                  "类型 Kind",
                  "结论 Decision",
                  "严重度 Severity",
                  "类别 Category",
                  "备注 Comment")) {
            h.el("th", head);
          }
          h.close("tr");
          for (Verdict v : history) {
            h.open("tr");
            h.el("td", time(v.decidedMs()));
            h.el("td", v.reviewer());
            h.el("td", v.isAppealDecision() ? "申诉裁定 Appeal decision" : "复核 Verdict");
            h.el("td", v.decision().words().both());
            h.el("td", v.severityOverride() == 0 ? "" : Labels.severity(v.severityOverride()));
            h.el(
                "td",
                v.categoryCorrection().isEmpty() ? "" : Labels.category(v.categoryCorrection()));
            h.el("td", v.comment(), "class", "comment");
            h.close("tr");
          }
          h.close("table");

          if (!appeals.isEmpty()) {
            h.el("h2", "申诉 Appeals");
            h.open("ul", "id", "appeals");
            for (Appeal a : appeals) {
              h.el("li", time(a.filedMs()) + " · " + a.filedBy() + ": " + a.reason());
            }
            h.close("ul");
          }
          relatedTable(h, "该客服的其他违规 The agent's other flags", related.ofAgent(), "agent-flags");
          relatedTable(h, "该买家的其他记录 The buyer's other flags", related.ofBuyer(), "buyer-flags");
          if (actions.judge()) {
            verdictForm(h, csrf, item);
          }
          if (actions.appeal()) {
            appealForm(h, csrf, item);
          } else if (actions.appealFiled() && account.role() == Role.AGENT) {
            h.el("p", "已申诉 Appeal filed", "id", "appeal-filed");
          }
        });
  }

  private void relatedTable(Html h, String title, List<QueueItem> items, String id) {
    if (items.isEmpty()) {
      return;
    }
    h.el("h2", title);
    h.open("table", "id", id);
    for (QueueItem other : items) {
      h.open("tr");
      h.el("td", time(other.tsMs()));
      h.el("td", status(other));
      h.el("td", Labels.severity(other.severity()));
      h.el(
          "td",
          String.join(", ", other.effectiveCategories().stream().map(Labels::category).toList()));
      h.open("td");
      h.el("a", abbreviate(other.maskedText(), 60), "href", "/message/" + other.messageId());
      h.close("td");
      h.close("tr");
    }
    h.close("table");
  }

  private void timelineEntry(Html h, TimelineEntry entry) {
    if (entry.isOrder()) {
      var o = entry.order();
      h.el(
          "li",
          time(entry.tsMs())
              + " · 订单 Order "
              + o.orderId()
              + " "
              + o.status()
              + " "
              + o.amount().toPlainString()
              + " "
              + o.currency()
              + (o.refundReason().isEmpty() ? "" : " (" + o.refundReason() + ")"),
          "class",
          "order");
      return;
    }
    var m = entry.message();
    String role = m.senderRole().toLowerCase(Locale.ROOT);
    h.open(
        "li",
        "class",
        "msg " + role + (entry.focus() ? " focus" : ""),
        "id",
        entry.focus() ? "focus" : null);
    h.el("span", time(entry.tsMs()), "class", "when");
    h.el("span", m.senderRole() + (m.agentId().isEmpty() ? "" : " " + m.agentId()), "class", "who");
    h.open("span", "class", "text");
    for (Segment segment : entry.segments()) {
      if (segment.marked()) {
        h.el("mark", segment.text());
      } else {
        h.text(segment.text());
      }
    }
    h.close("span");
    if (!entry.flagCategories().isEmpty()) {
      h.el(
          "span",
          String.join(", ", entry.flagCategories().stream().map(Labels::category).toList()),
          "class",
          "flagged");
    }
    if (entry.responseMs() != null) {
      h.el(
          "span",
          entry.responseMs() < 0 ? "未回复 Unanswered" : "响应 Response " + seconds(entry.responseMs()),
          "class",
          "response");
    }
    h.close("li");
  }

  private void verdictForm(Html h, String csrf, QueueItem item) {
    h.el("h2", "复核 Verdict");
    postForm(h, csrf, "/message/" + item.messageId() + "/verdict", "verdict-form");
    h.open("fieldset");
    for (Decision d : Decision.values()) {
      h.open("label");
      h.empty(
          "input",
          "type",
          "radio",
          "name",
          "decision",
          "value",
          d.words().id(),
          "id",
          "d-" + d.words().id());
      h.text(" " + d.words().both());
      h.close("label");
    }
    h.close("fieldset");
    h.open("label").text("严重度修正 Severity override ");
    h.open("select", "name", "severity", "id", "severity-override");
    option(h, "0", "不修改 No change", "0");
    for (int s = 1; s <= 3; s++) {
      option(h, String.valueOf(s), Labels.severity(s), "0");
    }
    h.close("select").close("label");
    h.open("label").text("类别修正 Category correction ");
    h.open("select", "name", "category", "id", "category-correction");
    option(h, "", "不修改 No change", "");
    for (String c : Labels.CATEGORY_IDS) {
      option(h, c, Labels.category(c), "");
    }
    h.close("select").close("label");
    h.open("label").text("备注 Comment ");
    h.el("textarea", "", "name", "comment", "id", "comment", "maxlength", "2000", "rows", "3");
    h.close("label");
    h.el("button", "提交 Submit", "type", "submit", "id", "submit-verdict");
    h.close("form");
  }

  /** Opens a POST form carrying the session's CSRF token ({@code id} null: none). */
  private static void postForm(Html h, String csrf, String action, String id) {
    h.open("form", "method", "post", "action", action, "id", id);
    h.hidden("_csrf", csrf);
  }

  private void appealForm(Html h, String csrf, QueueItem item) {
    h.el("h2", "申诉 Appeal");
    postForm(h, csrf, "/message/" + item.messageId() + "/appeal", "appeal-form");
    h.open("label").text("理由 Reason ");
    h.el("textarea", "", "name", "reason", "id", "reason", "maxlength", "2000", "rows", "3");
    h.close("label");
    h.el("button", "提交申诉 File appeal", "type", "submit", "id", "submit-appeal");
    h.close("form");
  }

  public String appeals(Account account, String csrf, List<AppealLine> lines) {
    return layout(
        "申诉 Appeals",
        account,
        csrf,
        h -> {
          h.el("h1", "申诉 Appeals");
          h.open("table", "id", "appeal-list");
          h.open("tr");
          for (String head :
              List.of("时间 Filed", "客服 Agent", "消息 Message", "理由 Reason", "结果 Outcome", "")) {
            h.el("th", head);
          }
          h.close("tr");
          for (AppealLine line : lines) {
            Appeal a = line.appeal();
            h.open("tr");
            h.el("td", time(a.filedMs()));
            h.el("td", a.agentId());
            h.open("td").el("a", a.messageId(), "href", "/message/" + a.messageId()).close("td");
            h.el("td", a.reason());
            h.el("td", appealOutcome(line.decision()), "class", "outcome");
            h.open("td");
            if (line.decision() == null && account.role().decidesAppeals()) {
              postForm(h, csrf, "/appeals/" + a.appealId() + "/decide", null);
              h.open("select", "name", "outcome");
              option(h, "uphold", "维持 Uphold", "");
              option(h, "overturn", "撤销 Overturn", "");
              h.close("select");
              h.empty("input", "name", "comment", "maxlength", "2000", "placeholder", "备注 Comment");
              h.el("button", "裁定 Decide", "type", "submit");
              h.close("form");
            }
            h.close("td");
            h.close("tr");
          }
          h.close("table");
        });
  }

  private String appealOutcome(Verdict decision) {
    if (decision == null) {
      return "待裁定 Pending";
    }
    return (decision.decision() == Decision.CONFIRM ? "维持 Upheld" : "撤销 Overturned")
        + " · "
        + decision.reviewer()
        + " "
        + time(decision.decidedMs())
        + (decision.comment().isEmpty() ? "" : ": " + decision.comment());
  }

  public String precision(
      Account account, String csrf, List<PrecisionRow> byRule, List<PrecisionRow> byCategory) {
    return layout(
        "规则准确率 Precision",
        account,
        csrf,
        h -> {
          h.el("h1", "规则准确率 Precision");
          h.el(
              "p",
              "准确率 = 确认 / (确认 + 误报)，按每条消息最新结论 · Precision = confirmed / (confirmed +"
                  + " false alarms), by the latest decision of each message; unsure not counted.");
          if (account.role().judges()) {
            h.open("p");
            h.el(
                "a",
                "导出误报为白名单候选 Export false alarms as allow-list candidates (allow.tsv)",
                "href",
                "/export/false-alarms.tsv?format=allow",
                "id",
                "export-allow");
            h.text(" · ");
            h.el(
                "a",
                "导出为金标准候选 as gold-set candidates (gold.tsv)",
                "href",
                "/export/false-alarms.tsv?format=gold",
                "id",
                "export-gold");
            h.close("p");
          }
          h.el("h2", "按规则 By rule");
          precisionTable(h, "规则 Rule", byRule, "precision-rules");
          h.el("h2", "按类别 By category");
          precisionTable(h, "类别 Category", byCategory, "precision-categories");
        });
  }

  private static void precisionTable(Html h, String keyHead, List<PrecisionRow> rows, String id) {
    h.open("table", "id", id);
    h.open("tr");
    for (String head :
        List.of(keyHead, "确认 Confirmed", "误报 False alarms", "不确定 Unsure", "准确率 Precision")) {
      h.el("th", head);
    }
    h.close("tr");
    for (PrecisionRow row : rows) {
      h.open("tr");
      h.el("td", row.key());
      h.el("td", String.valueOf(row.confirmed()));
      h.el("td", String.valueOf(row.falseAlarms()));
      h.el("td", String.valueOf(row.unsure()));
      h.el(
          "td",
          row.precision().isPresent()
              ? String.format(Locale.ROOT, "%.1f%%", 100 * row.precision().getAsDouble())
              : "-");
      h.close("tr");
    }
    h.close("table");
  }

  public String scores(
      Account account, String csrf, List<Deductions.AgentScore> scores, QueueFilter filter) {
    return layout(
        "扣分 Deductions",
        account,
        csrf,
        h -> {
          h.el("h1", "客服扣分 Deductions per agent");
          h.open("form", "method", "get", "action", "/scores", "class", "filters");
          field(h, "shop", "店铺 Shop", filter.shop());
          field(h, "team", "组 Team", filter.team());
          field(h, "from", "从 From", filter.from() == null ? "" : filter.from().toString());
          field(h, "to", "到 To", filter.to() == null ? "" : filter.to().toString());
          h.el("button", "筛选 Filter", "type", "submit");
          h.close("form");
          h.open("table", "id", "scores");
          h.open("tr");
          for (String head : List.of("店铺 Shop", "客服 Agent", "确认违规 Confirmed", "扣分 Points")) {
            h.el("th", head);
          }
          h.close("tr");
          for (Deductions.AgentScore score : scores) {
            h.open("tr");
            h.el("td", score.shopId());
            h.el("td", score.agentId());
            h.el("td", String.valueOf(score.confirmed()));
            h.el("td", String.valueOf(score.points()));
            h.close("tr");
          }
          h.close("table");
        });
  }

  public String sample(Account account, String csrf, SampleView view) {
    return layout(
        "抽查 Spot check",
        account,
        csrf,
        h -> {
          h.el("h1", "抽查 Spot check");
          QueueFilter f = view.filter();
          h.open("form", "method", "get", "action", "/sample", "class", "filters");
          field(h, "shop", "店铺 Shop", f.shop());
          field(h, "team", "组 Team", f.team());
          field(h, "from", "从 From", f.from() == null ? "" : f.from().toString());
          field(h, "to", "到 To", f.to() == null ? "" : f.to().toString());
          h.open("label").text("抽查对象 Agents ");
          h.open("select", "name", "by");
          for (Criterion c : Criterion.values()) {
            option(h, c.words().id(), c.words().both(), view.criterion().words().id());
          }
          h.close("select").close("label");
          field(h, "n", "每人条数 Per agent", String.valueOf(view.perAgent()));
          field(h, "seed", "随机种子 Seed", String.valueOf(view.seed()));
          h.el("button", "抽查 Draw", "type", "submit");
          h.close("form");
          if (view.criterion() != Criterion.RANDOM) {
            h.el("h2", "异常客服 Abnormal agents (worst quarter)");
            h.open("table", "id", "abnormal");
            for (AgentRate rate : view.abnormal()) {
              h.open("tr");
              h.el("td", rate.shopId());
              h.el("td", rate.agentId());
              h.el(
                  "td",
                  String.format(Locale.ROOT, "%.1f%%", 100 * rate.rate())
                      + " ("
                      + rate.numerator()
                      + "/"
                      + rate.denominator()
                      + ")");
              h.close("tr");
            }
            h.close("table");
          }
          h.el("p", "抽中 Drawn: " + view.sample().size(), "id", "drawn");
          relatedTable(h, "抽查样本 Sample", view.sample(), "sample");
        });
  }

  public String error(Account account, String csrf, int status, String message) {
    return layout(
        "错误 Error",
        account,
        csrf,
        h -> {
          h.el("h1", String.valueOf(status));
          h.el("p", message, "id", "error");
        });
  }

  private String layout(String title, Account account, String csrf, Consumer<Html> body) {
    Html h = new Html();
    StringBuilder page = new StringBuilder("<!DOCTYPE html>");
    h.open("html", "lang", "zh-CN").open("head");
    h.empty("meta", "charset", "utf-8");
    h.el("title", title + " · ServicePulse");
    h.empty("link", "rel", "stylesheet", "href", "/console.css");
    h.close("head").open("body");
    if (account != null) {
      h.open("header");
      h.el("a", "待审队列 Queue", "href", "/queue");
      h.el("a", "申诉 Appeals", "href", "/appeals");
      h.el("a", "规则准确率 Precision", "href", "/precision");
      h.el("a", "扣分 Deductions", "href", "/scores");
      if (account.role() != Role.AGENT) {
        h.el("a", "抽查 Spot check", "href", "/sample");
      }
      h.el(
          "span",
          account.username() + " · " + account.role().words().both(),
          "class",
          "who",
          "id",
          "who");
      postForm(h, csrf, "/logout", "logout");
      h.el("button", "退出 Log out", "type", "submit");
      h.close("form");
      h.close("header");
    }
    h.open("main");
    body.accept(h);
    h.close("main").close("body").close("html");
    return page.append(h).toString();
  }

  private static void fact(Html h, String label, String value, String id) {
    h.el("dt", label);
    h.el("dd", value, "id", id);
  }

  private static String status(QueueItem item) {
    if (!item.reviewed()) {
      return "待审 Unreviewed";
    }
    Decision d = item.latest().decision();
    return d.words().both() + (item.latest().isAppealDecision() ? " (申诉裁定 after appeal)" : "");
  }

  private String time(long ms) {
    return TIME.format(Instant.ofEpochMilli(ms).atZone(zone));
  }

  private static String seconds(long ms) {
    return String.format(Locale.ROOT, "%.0f s", ms / 1000.0);
  }

  private static String abbreviate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max) + "…";
  }
}
