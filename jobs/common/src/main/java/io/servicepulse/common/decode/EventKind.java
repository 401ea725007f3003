// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.decode;

import io.servicepulse.common.config.ServicePulseOptions;
import io.servicepulse.events.AfterSalesEvent;
import io.servicepulse.events.AgentEvent;
import io.servicepulse.events.ChatMessage;
import io.servicepulse.events.OrderEvent;
import io.servicepulse.events.ServiceFeedback;
import java.io.Serializable;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.util.function.SerializableFunction;

/**
 * One event type of the model with everything the shared decode path needs to read its topic: the
 * generated class, the topic option, the {@link EventRules} that validate it, its event id and its
 * event time. {@link io.servicepulse.common.kafka.KafkaSources#of}, {@link DecodedStreams#of} and
 * {@link io.servicepulse.common.flink.EventTime#of} take one, so a new topic is a new constant
 * here, not a copy of the path.
 *
 * @param label short name used in operator uids and names ({@code <prefix>-<label>-source}, {@code
 *     <prefix>-decode-<label>})
 */
public record EventKind<T>(
    String label,
    Class<T> eventClass,
    ConfigOption<String> topic,
    Rules<T> rules,
    SerializableFunction<T, String> eventId,
    SerializableFunction<T, Long> tsMs) {

  /** {@link EventRules#violation} for one event type. */
  public interface Rules<T> extends Serializable {
    EventRules.Violation violation(T event, EventLimits limits, long nowMs);
  }

  public static final EventKind<ChatMessage> CHAT =
      new EventKind<>(
          "chat",
          ChatMessage.class,
          ServicePulseOptions.KAFKA_CHAT_TOPIC,
          EventRules::violation,
          ChatMessage::getEventId,
          m -> m.getTs().toEpochMilli());

  public static final EventKind<OrderEvent> ORDER =
      new EventKind<>(
          "orders",
          OrderEvent.class,
          ServicePulseOptions.KAFKA_ORDER_TOPIC,
          EventRules::violation,
          OrderEvent::getEventId,
          o -> o.getTs().toEpochMilli());

  public static final EventKind<ServiceFeedback> FEEDBACK =
      new EventKind<>(
          "feedback",
          ServiceFeedback.class,
          ServicePulseOptions.KAFKA_FEEDBACK_TOPIC,
          EventRules::violation,
          ServiceFeedback::getEventId,
          f -> f.getTs().toEpochMilli());

  public static final EventKind<AfterSalesEvent> AFTER_SALES =
      new EventKind<>(
          "after-sales",
          AfterSalesEvent.class,
          ServicePulseOptions.KAFKA_AFTER_SALES_TOPIC,
          EventRules::violation,
          AfterSalesEvent::getEventId,
          a -> a.getTs().toEpochMilli());

  public static final EventKind<AgentEvent> AGENT =
      new EventKind<>(
          "agent",
          AgentEvent.class,
          ServicePulseOptions.KAFKA_AGENT_TOPIC,
          EventRules::violation,
          AgentEvent::getEventId,
          a -> a.getTs().toEpochMilli());
}
