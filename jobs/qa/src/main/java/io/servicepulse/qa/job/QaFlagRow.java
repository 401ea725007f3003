// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.job;

/**
 * One flag on one message, as stored in {@code qa_flags}. Unique by (message_id, rule_id). A Flink
 * POJO (public fields).
 */
public class QaFlagRow {
  public String messageId;
  public String ruleId;
  public String platform;
  public String shopId;
  public String teamId;
  public String agentId;
  public String buyerId;
  public String conversationId;
  public String senderRole;
  public long tsMs;

  /** Shop-local day of the message, epoch days. */
  public long day;

  public String category;
  public int severity;
  public String mitigation;
  public String language;
  public int spanStart;
  public int spanEnd;

  /** The matched span, masked like the text for privacy categories. */
  public String matchedText;

  /** The whole message with phone numbers and addresses masked. */
  public String maskedText;

  public String inspectorVersion;

  /**
   * 1 on a tombstone: the flag no longer fires with {@link #inspectorVersion} (re-inspection, see
   * {@link Reinspection}); 0 on a flag that fires.
   */
  public int retracted;

  /**
   * The row's version in the ReplacingMergeTree, {@code inspected_ms}; 0 = the time of the insert
   * (what QaJob writes). Re-inspection sets it above the stored row's, so a version never repeats
   * or goes backwards for its (message, rule).
   */
  public long inspectedMs;

  public QaFlagRow() {}

  /** A copy of this row. */
  public QaFlagRow copy() {
    QaFlagRow c = new QaFlagRow();
    c.messageId = messageId;
    c.ruleId = ruleId;
    c.platform = platform;
    c.shopId = shopId;
    c.teamId = teamId;
    c.agentId = agentId;
    c.buyerId = buyerId;
    c.conversationId = conversationId;
    c.senderRole = senderRole;
    c.tsMs = tsMs;
    c.day = day;
    c.category = category;
    c.severity = severity;
    c.mitigation = mitigation;
    c.language = language;
    c.spanStart = spanStart;
    c.spanEnd = spanEnd;
    c.matchedText = matchedText;
    c.maskedText = maskedText;
    c.inspectorVersion = inspectorVersion;
    c.retracted = retracted;
    c.inspectedMs = inspectedMs;
    return c;
  }

  /**
   * Does this row say what {@code other} says, apart from its version ({@code inspected_ms})? Two
   * such rows need no new write.
   */
  public boolean sameFlag(QaFlagRow other) {
    return java.util.Objects.equals(messageId, other.messageId)
        && java.util.Objects.equals(ruleId, other.ruleId)
        && java.util.Objects.equals(platform, other.platform)
        && java.util.Objects.equals(shopId, other.shopId)
        && java.util.Objects.equals(teamId, other.teamId)
        && java.util.Objects.equals(agentId, other.agentId)
        && java.util.Objects.equals(buyerId, other.buyerId)
        && java.util.Objects.equals(conversationId, other.conversationId)
        && java.util.Objects.equals(senderRole, other.senderRole)
        && tsMs == other.tsMs
        && day == other.day
        && java.util.Objects.equals(category, other.category)
        && severity == other.severity
        && java.util.Objects.equals(mitigation, other.mitigation)
        && java.util.Objects.equals(language, other.language)
        && spanStart == other.spanStart
        && spanEnd == other.spanEnd
        && java.util.Objects.equals(matchedText, other.matchedText)
        && java.util.Objects.equals(maskedText, other.maskedText)
        && java.util.Objects.equals(inspectorVersion, other.inspectorVersion)
        && retracted == other.retracted;
  }

  @Override
  public String toString() {
    return (retracted == 1 ? "retracted " : "")
        + messageId
        + " "
        + ruleId
        + " "
        + category
        + "/"
        + severity
        + " ["
        + spanStart
        + ","
        + spanEnd
        + ") "
        + matchedText;
  }
}
