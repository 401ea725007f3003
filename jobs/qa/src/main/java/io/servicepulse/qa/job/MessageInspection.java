// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.job;

import io.servicepulse.common.time.ShopCalendar;
import io.servicepulse.events.ChatMessage;
import io.servicepulse.qa.inspect.TextInspector;
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
  private final ShopCalendar calendar;
  private transient TextInspector inspector;

  /** {@code shopHotlines}: comma-separated (option qa.shop-hotlines), or null. */
  public MessageInspection(
      String modelRoot, int cacheSize, String shopHotlines, ShopCalendar calendar) {
    this.modelRoot = modelRoot;
    this.cacheSize = cacheSize;
    this.shopHotlines = shopHotlines;
    this.calendar = calendar;
  }

  @Override
  public void open(OpenContext openContext) {
    List<String> hotlines = shopHotlines == null ? List.of() : List.of(shopHotlines.split(","));
    inspector = TextInspector.create(modelRoot, cacheSize, hotlines);
    var metrics = getRuntimeContext().getMetricGroup().addGroup("qa");
    metrics.gauge("messagesInspected", inspector::messagesInspected);
    metrics.gauge("stage2Candidates", inspector::stage2Candidates);
    metrics.gauge("cacheHits", inspector::cacheHits);
  }

  @Override
  public void flatMap(ChatMessage message, Collector<QaFlagRow> out) {
    for (QaFlagRow row : StoredMessage.of(message).inspect(inspector, calendar)) {
      out.collect(row);
    }
  }
}
