package io.servicepulse.common.deadletter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.flink.api.common.serialization.SerializationSchema;

/** Dead letters on the Kafka topic: one JSON object each, payload base64-encoded. */
public final class DeadLetterJson implements SerializationSchema<DeadLetter> {

  private transient ObjectMapper mapper;

  @Override
  public byte[] serialize(DeadLetter letter) {
    if (mapper == null) {
      mapper = new ObjectMapper();
    }
    ObjectNode node = mapper.createObjectNode();
    node.put("dead_letter_id", letter.deadLetterId);
    node.put("job", letter.job);
    node.put("stage", letter.stage);
    node.put("reason", letter.reason);
    node.put("error", letter.error);
    node.put("source_topic", letter.sourceTopic);
    node.put("source_partition", letter.sourcePartition);
    node.put("source_offset", letter.sourceOffset);
    node.put("event_id", letter.eventId);
    node.put("payload_base64", Base64.getEncoder().encodeToString(letter.payload));
    node.put("recorded_ms", letter.recordedMs);
    return node.toString().getBytes(StandardCharsets.UTF_8);
  }
}
