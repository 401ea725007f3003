// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.job;

import io.servicepulse.common.time.ShopCalendar;
import io.servicepulse.events.ChatMessage;
import io.servicepulse.qa.inspect.Category;
import io.servicepulse.qa.inspect.Flag;
import io.servicepulse.qa.inspect.InspectionResult;
import io.servicepulse.qa.inspect.SenderRole;
import io.servicepulse.qa.inspect.TextInspector;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields of one chat message the inspector needs, from a Kafka {@link ChatMessage} (QaJob) or
 * from a row of ClickHouse {@code messages} (re-inspection). Nullable ids are ''.
 */
public record StoredMessage(
    String eventId,
    String platform,
    String shopId,
    String teamId,
    String agentId,
    String buyerId,
    String conversationId,
    String senderRole,
    long tsMs,
    String text) {

  public static StoredMessage of(ChatMessage m) {
    return new StoredMessage(
        m.getEventId(),
        m.getPlatform(),
        m.getShopId(),
        orEmpty(m.getTeamId()),
        orEmpty(m.getAgentId()),
        m.getBuyerId(),
        orEmpty(m.getConversationId()),
        m.getSenderRole().name(),
        m.getTs().toEpochMilli(),
        m.getText());
  }

  /** Inspects this message: one {@code qa_flags} row per flag, none if nothing fired. */
  public List<QaFlagRow> inspect(TextInspector inspector, ShopCalendar calendar) {
    InspectionResult result = inspector.inspect(text, SenderRole.valueOf(senderRole));
    List<QaFlagRow> rows = new ArrayList<>(result.flags().size());
    for (Flag flag : result.flags()) {
      rows.add(row(result, flag, calendar));
    }
    return rows;
  }

  private QaFlagRow row(InspectionResult result, Flag flag, ShopCalendar calendar) {
    QaFlagRow row = new QaFlagRow();
    row.messageId = eventId;
    row.ruleId = flag.ruleId();
    row.platform = platform;
    row.shopId = shopId;
    row.teamId = teamId;
    row.agentId = agentId;
    row.buyerId = buyerId;
    row.conversationId = conversationId;
    row.senderRole = senderRole;
    row.tsMs = tsMs;
    row.day = calendar.day(shopId, tsMs);
    row.category = flag.category().name();
    row.severity = flag.severity();
    row.mitigation = flag.mitigation().name();
    row.language = flag.language();
    row.spanStart = flag.start();
    row.spanEnd = flag.end();
    // Never store a leaked phone number or address, not even as the matched span.
    row.matchedText =
        flag.category() == Category.PRIVACY_LEAK
            ? result.maskedText().substring(flag.start(), flag.end())
            : flag.text();
    row.maskedText = result.maskedText();
    row.inspectorVersion = result.inspectorVersion();
    return row;
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
