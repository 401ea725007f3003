package io.servicepulse.common.decode;

import io.servicepulse.events.ChatMessage;
import io.servicepulse.events.OrderEvent;
import io.servicepulse.schemas.EventCodec;
import io.servicepulse.schemas.ReleasedSchemas;

/**
 * An event back in its wire format (Avro single-object encoding, current schema), for dead letters
 * made after decoding (late events): their payload can be re-sent to the topic as it is.
 */
public final class EventBytes {

  // Codecs are not thread-safe and costly to build; late events are rare, one codec per thread.
  private static final ThreadLocal<EventCodec<ChatMessage>> CHAT =
      ThreadLocal.withInitial(() -> EventCodec.chatMessages(ReleasedSchemas.bundled()));
  private static final ThreadLocal<EventCodec<OrderEvent>> ORDERS =
      ThreadLocal.withInitial(() -> EventCodec.orderEvents(ReleasedSchemas.bundled()));

  private EventBytes() {}

  /** The event's wire bytes, or its text if it is no event type of ours. */
  public static byte[] of(Object event) {
    if (event instanceof ChatMessage m) {
      return CHAT.get().encode(m);
    }
    if (event instanceof OrderEvent o) {
      return ORDERS.get().encode(o);
    }
    return String.valueOf(event).getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}
