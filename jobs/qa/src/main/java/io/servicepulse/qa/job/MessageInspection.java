package io.servicepulse.qa.job;

import io.servicepulse.events.ChatMessage;
import io.servicepulse.qa.inspect.Category;
import io.servicepulse.qa.inspect.Flag;
import io.servicepulse.qa.inspect.InspectionResult;
import io.servicepulse.qa.inspect.SenderRole;
import io.servicepulse.qa.inspect.TextInspector;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Inspects each chat message and emits one row per flag. The inspector (and its CoreNLP pipelines,
 * shared by every subtask of the TaskManager JVM) is built once in {@link #open}.
 */
public final class MessageInspection extends RichFlatMapFunction<ChatMessage, QaFlagRow> {

  private final String modelRoot;
  private final int cacheSize;
  private final String shopHotlines;
  private final String timeZone;
  private transient TextInspector inspector;
  private transient ZoneId zone;

  /** {@code shopHotlines}: comma-separated (option qa.shop-hotlines), or null. */
  public MessageInspection(String modelRoot, int cacheSize, String shopHotlines, String timeZone) {
    this.modelRoot = modelRoot;
    this.cacheSize = cacheSize;
    this.shopHotlines = shopHotlines;
    this.timeZone = timeZone;
  }

  @Override
  public void open(OpenContext openContext) {
    List<String> hotlines = shopHotlines == null ? List.of() : List.of(shopHotlines.split(","));
    inspector = TextInspector.create(modelRoot, cacheSize, hotlines);
    zone = ZoneId.of(timeZone);
    var metrics = getRuntimeContext().getMetricGroup().addGroup("qa");
    metrics.gauge("messagesInspected", inspector::messagesInspected);
    metrics.gauge("stage2Candidates", inspector::stage2Candidates);
    metrics.gauge("cacheHits", inspector::cacheHits);
  }

  @Override
  public void flatMap(ChatMessage message, Collector<QaFlagRow> out) {
    SenderRole role = SenderRole.valueOf(message.getSenderRole().name());
    InspectionResult result = inspector.inspect(message.getText(), role);
    for (Flag flag : result.flags()) {
      out.collect(row(message, result, flag));
    }
  }

  private QaFlagRow row(ChatMessage m, InspectionResult result, Flag flag) {
    QaFlagRow row = new QaFlagRow();
    row.messageId = m.getEventId();
    row.ruleId = flag.ruleId();
    row.platform = m.getPlatform();
    row.shopId = m.getShopId();
    row.teamId = orEmpty(m.getTeamId());
    row.agentId = orEmpty(m.getAgentId());
    row.buyerId = m.getBuyerId();
    row.conversationId = orEmpty(m.getConversationId());
    row.senderRole = m.getSenderRole().name();
    row.tsMs = m.getTs().toEpochMilli();
    row.day = Instant.ofEpochMilli(row.tsMs).atZone(zone).toLocalDate().toEpochDay();
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
