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

  public QaFlagRow() {}

  @Override
  public String toString() {
    return messageId
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
