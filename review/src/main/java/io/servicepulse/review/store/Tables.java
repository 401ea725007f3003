// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review.store;

import io.servicepulse.review.queue.Appeal;
import io.servicepulse.review.queue.Verdict;
import java.util.List;

/** The console's own tables, each column declared once (schemas/clickhouse/04x_*.sql). */
public final class Tables {

  public static final Table<Verdict> QA_VERDICTS =
      new Table<>(
          "qa_verdicts",
          List.of(
              Table.string("verdict_id", Verdict::verdictId),
              Table.string("message_id", Verdict::messageId),
              Table.string("shop_id", Verdict::shopId),
              Table.string("agent_id", Verdict::agentId),
              Table.string("kind", Verdict::kind),
              Table.string("decision", v -> v.decision().words().id()),
              Table.uint8("severity_override", Verdict::severityOverride),
              Table.string("category_correction", Verdict::categoryCorrection),
              Table.string("comment", Verdict::comment),
              Table.string("reviewer", Verdict::reviewer),
              Table.string("appeal_id", Verdict::appealId),
              Table.string("audit", Verdict::audit),
              Table.int64("decided_ms", Verdict::decidedMs)));

  public static final Table<Appeal> QA_APPEALS =
      new Table<>(
          "qa_appeals",
          List.of(
              Table.string("appeal_id", Appeal::appealId),
              Table.string("message_id", Appeal::messageId),
              Table.string("shop_id", Appeal::shopId),
              Table.string("agent_id", Appeal::agentId),
              Table.string("filed_by", Appeal::filedBy),
              Table.string("reason", Appeal::reason),
              Table.int64("filed_ms", Appeal::filedMs)));

  public static final Table<StoredAccount> REVIEW_USERS =
      new Table<>(
          "review_users",
          List.of(
              Table.string("username", a -> a.account().username()),
              Table.string("password_hash", StoredAccount::passwordHash),
              Table.string("role", a -> a.account().role().words().id()),
              Table.string("shops", a -> a.account().shopsText()),
              Table.string("agent_id", a -> a.account().agentId()),
              Table.uint8("disabled", a -> a.account().disabled() ? 1 : 0),
              Table.int64("version", StoredAccount::version)));

  /** One assignment of a message to a reviewer. */
  public record Assignment(
      String messageId, String shopId, String assignee, String assignedBy, long assignedMs) {}

  public static final Table<Assignment> QA_ASSIGNMENTS =
      new Table<>(
          "qa_assignments",
          List.of(
              Table.string("message_id", Assignment::messageId),
              Table.string("shop_id", Assignment::shopId),
              Table.string("assignee", Assignment::assignee),
              Table.string("assigned_by", Assignment::assignedBy),
              Table.int64("assigned_ms", Assignment::assignedMs)));

  public static final List<Table<?>> ALL =
      List.of(QA_VERDICTS, QA_APPEALS, REVIEW_USERS, QA_ASSIGNMENTS);

  private Tables() {}
}
