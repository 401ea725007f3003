// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.deadletter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.apache.flink.api.common.serialization.SerializationSchema;

/**
 * Dead letters on the Kafka topic: one JSON object each, payload base64-encoded. The payload is cut
 * to its first {@link #MAX_PAYLOAD_BYTES} ({@code payload_bytes} keeps the original length, {@code
 * payload_truncated} says it was cut) and the error text to {@link #MAX_ERROR_CHARS}, so a letter
 * always fits Kafka's 1 MB record limit: a letter that cannot be sent would stop the whole job. The
 * full bytes stay at the letter's address (source topic, partition, offset).
 */
public final class DeadLetterJson implements SerializationSchema<DeadLetter> {

  /** Payload bytes kept in a dead letter, on Kafka and in ClickHouse. */
  static final int MAX_PAYLOAD_BYTES = 64 * 1024;

  /** Error text kept in a dead letter (driver messages can quote a whole batch). */
  static final int MAX_ERROR_CHARS = 4 * 1024;

  private transient ObjectMapper mapper;

  @Override
  public byte[] serialize(DeadLetter letter) {
    if (mapper == null) {
      mapper = new ObjectMapper();
    }
    byte[] payload = payload(letter);
    ObjectNode node = mapper.createObjectNode();
    node.put("dead_letter_id", letter.deadLetterId);
    node.put("job", letter.job);
    node.put("stage", letter.stage);
    node.put("reason", letter.reason);
    node.put("error", cut(letter.error, MAX_ERROR_CHARS));
    node.put("source_topic", letter.sourceTopic);
    node.put("source_partition", letter.sourcePartition);
    node.put("source_offset", letter.sourceOffset);
    node.put("event_id", letter.eventId);
    node.put(
        "payload_base64", Base64.getEncoder().encodeToString(prefix(payload, MAX_PAYLOAD_BYTES)));
    node.put("payload_bytes", payload.length);
    node.put("payload_truncated", payload.length > MAX_PAYLOAD_BYTES);
    node.put("recorded_ms", letter.recordedMs);
    return node.toString().getBytes(StandardCharsets.UTF_8);
  }

  static byte[] payload(DeadLetter letter) {
    return letter.payload == null ? new byte[0] : letter.payload;
  }

  /** The first {@code max} bytes of {@code payload}. */
  static byte[] prefix(byte[] payload, int max) {
    return payload.length > max ? Arrays.copyOf(payload, max) : payload;
  }

  /** The first {@code max} chars of {@code text}, without splitting a surrogate pair. */
  static String cut(String text, int max) {
    if (text == null) {
      return "";
    }
    if (text.length() <= max) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
    return text.substring(0, end) + "…";
  }
}
