// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.schemas;

import io.servicepulse.events.AfterSalesEvent;
import io.servicepulse.events.AgentEvent;
import io.servicepulse.events.ChatMessage;
import io.servicepulse.events.OrderEvent;
import io.servicepulse.events.ServiceFeedback;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * The wire format: Avro single-object encoding (2-byte marker, 8-byte schema fingerprint, body).
 * The reader resolves the writer's schema by fingerprint from {@link ReleasedSchemas}, so data
 * written with an older or newer compatible version decodes into the current class.
 *
 * <p>Not thread-safe (Avro's encoder/decoder reuse buffers): one codec per task.
 */
public final class EventCodec<T extends SpecificRecord> {

  /** Bigger strings/bytes than this are corrupt input, not chat; refuse before allocating. */
  private static final String MAX_LENGTH = String.valueOf(16 * 1024 * 1024);

  static {
    System.setProperty(
        "org.apache.avro.limits.string.maxLength",
        System.getProperty("org.apache.avro.limits.string.maxLength", MAX_LENGTH));
    System.setProperty(
        "org.apache.avro.limits.bytes.maxLength",
        System.getProperty("org.apache.avro.limits.bytes.maxLength", MAX_LENGTH));
  }

  private final Class<T> type;
  private final BinaryMessageEncoder<T> encoder;
  private final BinaryMessageDecoder<T> decoder;

  private final ReleasedSchemas store;

  private EventCodec(Class<T> type, Schema current, Schema writer, ReleasedSchemas store) {
    SpecificData model = SpecificData.getForClass(type);
    this.type = type;
    this.store = store;
    this.encoder = new BinaryMessageEncoder<>(model, writer);
    this.decoder = new BinaryMessageDecoder<>(new StrictUtf8Data(model), current, store);
    store.versionsOf(current.getFullName()).forEach(decoder::addSchema);
  }

  private EventCodec(Class<T> type, Schema current, ReleasedSchemas store) {
    this(type, current, current, store);
  }

  /** The codec of any generated event class, writing its current schema. */
  public static <T extends SpecificRecord> EventCodec<T> of(Class<T> type, ReleasedSchemas store) {
    return new EventCodec<>(type, SpecificData.getForClass(type).getSchema(type), store);
  }

  /**
   * This codec, except that it writes released version {@code version} of the record (e.g. a
   * producer that must keep writing an older version until its readers are upgraded). Fields are
   * only ever appended, so the current class writes any older version by position; fields the older
   * version lacks are not written.
   */
  public EventCodec<T> writingVersion(int version) {
    Schema current = SpecificData.getForClass(type).getSchema(type);
    List<Schema> versions = store.versionsOf(current.getFullName());
    if (version < 1 || version > versions.size()) {
      throw new IllegalArgumentException(
          current.getName()
              + " has released versions 1 to "
              + versions.size()
              + ", not "
              + version);
    }
    return new EventCodec<>(type, current, versions.get(version - 1), store);
  }

  public static EventCodec<ChatMessage> chatMessages(ReleasedSchemas store) {
    return new EventCodec<>(ChatMessage.class, ChatMessage.getClassSchema(), store);
  }

  public static EventCodec<OrderEvent> orderEvents(ReleasedSchemas store) {
    return new EventCodec<>(OrderEvent.class, OrderEvent.getClassSchema(), store);
  }

  public static EventCodec<ServiceFeedback> serviceFeedback(ReleasedSchemas store) {
    return new EventCodec<>(ServiceFeedback.class, ServiceFeedback.getClassSchema(), store);
  }

  public static EventCodec<AfterSalesEvent> afterSalesEvents(ReleasedSchemas store) {
    return new EventCodec<>(AfterSalesEvent.class, AfterSalesEvent.getClassSchema(), store);
  }

  public static EventCodec<AgentEvent> agentEvents(ReleasedSchemas store) {
    return new EventCodec<>(AgentEvent.class, AgentEvent.getClassSchema(), store);
  }

  /** Which codec a topic's bytes need; lets dead-letter and config code stay generic. */
  public enum EventType implements Serializable {
    CHAT_MESSAGE,
    ORDER_EVENT,
    SERVICE_FEEDBACK,
    AFTER_SALES_EVENT,
    AGENT_EVENT
  }

  public Class<T> type() {
    return type;
  }

  public byte[] encode(T event) {
    try {
      ByteBuffer buffer = encoder.encode(event);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode " + type.getSimpleName(), e);
    }
  }

  /** Decodes one record's value. Never throws: every failure is a typed result. */
  public DecodeResult<T> decode(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      return DecodeResult.failed(DecodeFailure.EMPTY, "empty record value");
    }
    try {
      return DecodeResult.ok(decoder.decode(bytes));
    } catch (MissingSchemaException e) {
      return DecodeResult.failed(DecodeFailure.UNKNOWN_SCHEMA, e.getMessage());
    } catch (BadHeaderException e) {
      return DecodeResult.failed(DecodeFailure.BAD_HEADER, e.getMessage());
    } catch (StrictUtf8Data.InvalidUtf8Exception e) {
      return DecodeResult.failed(DecodeFailure.INVALID_UTF8, e.getMessage());
    } catch (IOException | RuntimeException e) {
      // Avro reports truncated or garbled bodies with many exception types.
      return DecodeResult.failed(
          DecodeFailure.CORRUPT, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }
}
