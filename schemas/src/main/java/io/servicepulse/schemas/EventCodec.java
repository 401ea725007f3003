package io.servicepulse.schemas;

import io.servicepulse.events.ChatMessage;
import io.servicepulse.events.OrderEvent;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
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

  private EventCodec(Class<T> type, Schema current, ReleasedSchemas store) {
    SpecificData model = SpecificData.getForClass(type);
    this.type = type;
    this.encoder = new BinaryMessageEncoder<>(model, current);
    this.decoder = new BinaryMessageDecoder<>(new StrictUtf8Data(model), current, store);
    store.versionsOf(current.getFullName()).forEach(decoder::addSchema);
  }

  public static EventCodec<ChatMessage> chatMessages(ReleasedSchemas store) {
    return new EventCodec<>(ChatMessage.class, ChatMessage.getClassSchema(), store);
  }

  public static EventCodec<OrderEvent> orderEvents(ReleasedSchemas store) {
    return new EventCodec<>(OrderEvent.class, OrderEvent.getClassSchema(), store);
  }

  /** Which codec a topic's bytes need; lets dead-letter and config code stay generic. */
  public enum EventType implements Serializable {
    CHAT_MESSAGE,
    ORDER_EVENT
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
