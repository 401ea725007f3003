// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.servicepulse.common.kafka.RawRecord;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class DeadLetterJsonTest {

  private static final int KAFKA_MAX_REQUEST_BYTES = 1024 * 1024;

  private static RawRecord record(byte[] value) {
    return new RawRecord("chat-messages", 3, 42L, 0L, null, value);
  }

  @Test
  void aOneMegabyteMessagesDeadLetterFitsKafkasRecordLimitAndPointsToTheFullRecord()
      throws Exception {
    byte[] value = new byte[KAFKA_MAX_REQUEST_BYTES];
    Arrays.fill(value, (byte) 'a');
    DeadLetter letter =
        DeadLetter.ofRecord(
            "ingest", DeadLetter.STAGE_DECODE, "corrupt", "e".repeat(100_000), record(value), "");

    byte[] json = new DeadLetterJson().serialize(letter);

    assertThat(json.length).isLessThan(100 * 1024);
    JsonNode node = new ObjectMapper().readTree(json);
    assertThat(node.get("payload_bytes").asLong()).isEqualTo(KAFKA_MAX_REQUEST_BYTES);
    assertThat(node.get("payload_truncated").asBoolean()).isTrue();
    assertThat(Base64.getDecoder().decode(node.get("payload_base64").asText()))
        .isEqualTo(Arrays.copyOf(value, 64 * 1024));
    assertThat(node.get("error").asText()).hasSizeLessThanOrEqualTo(4 * 1024 + 1);
    assertThat(node.get("source_topic").asText()).isEqualTo("chat-messages");
    assertThat(node.get("source_partition").asInt()).isEqualTo(3);
    assertThat(node.get("source_offset").asLong()).isEqualTo(42);
  }

  @Test
  void aSmallPayloadIsKeptWhole() throws Exception {
    DeadLetter letter =
        DeadLetter.ofRecord(
            "ingest", DeadLetter.STAGE_DECODE, "corrupt", "bad", record("hi".getBytes()), "");

    JsonNode node = new ObjectMapper().readTree(new DeadLetterJson().serialize(letter));

    assertThat(node.get("payload_bytes").asLong()).isEqualTo(2);
    assertThat(node.get("payload_truncated").asBoolean()).isFalse();
    assertThat(new String(Base64.getDecoder().decode(node.get("payload_base64").asText())))
        .isEqualTo("hi");
    assertThat(node.get("error").asText()).isEqualTo("bad");
  }

  @Test
  void cuttingTextNeverSplitsASurrogatePair() {
    String text = "a".repeat(9) + "😀" + "b";
    assertThat(DeadLetterJson.cut(text, 10)).isEqualTo("a".repeat(9) + "…");
  }
}
