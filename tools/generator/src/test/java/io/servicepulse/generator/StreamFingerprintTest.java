// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.generator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pins the bytes of two fixed scenarios, so an option at its default (poison rate 0) provably
 * leaves the stream and the existing truth figures as they were. The hashes were recorded with the
 * code before poison records existed (commit b677c34); re-record them only for an intended change
 * of the scenario.
 */
class StreamFingerprintTest {

  private static final GeneratorConfig FAULTY =
      GeneratorConfig.builder()
          .seed(7)
          .shops(7)
          .buyersPerShop(40)
          .malformedRate(0.01)
          .duplicateRate(0.02)
          .lateRate(0.01)
          .build();

  @Test
  void defaultScenarioKeepsItsBytes() throws Exception {
    GeneratedStream stream = EventGenerator.generate(GeneratorConfig.defaults());
    assertThat(stream.size()).isEqualTo(1410);
    assertThat(recordsHash(stream))
        .isEqualTo("4a53b485bfa5e378a497eb0d270aef7481953be994eb2bd0016046c3101fb084");
    assertThat(truthHash(stream.truth()))
        .isEqualTo("70cb8edf192013c0348f8b2be081e4a86bde63e1675d98b68b4e55d07e2da882");
  }

  @Test
  void faultyScenarioWithPoisonRateZeroKeepsItsBytes() throws Exception {
    GeneratedStream stream = EventGenerator.generate(FAULTY.toBuilder().poisonRate(0).build());
    assertThat(stream.size()).isEqualTo(2711);
    assertThat(recordsHash(stream))
        .isEqualTo("013a1a189b12449974a6fcdb989aa5fe052da55b79e6c62a07a11685a9113057");
    assertThat(truthHash(stream.truth()))
        .isEqualTo("7c8b61dfed86b45be386db0cc016df25010b27622179abdf9d4bb3754952e8e9");
  }

  /** SHA-256 over topic, key, timestamp, kind and value of every record, in emission order. */
  static String recordsHash(Iterable<GeneratedRecord> records) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    for (GeneratedRecord r : records) {
      sha.update(r.topic().getBytes(StandardCharsets.UTF_8));
      sha.update(ByteBuffer.allocate(12).putInt(r.key().length).putLong(r.timestamp()).array());
      sha.update(r.key());
      sha.update(
          ByteBuffer.allocate(5).putInt(r.value().length).put((byte) r.kind().ordinal()).array());
      sha.update(r.value());
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  /**
   * SHA-256 of truth.json without the fields added since the hashes were recorded: those of poison
   * records (all empty at rate 0), the waiting-buyer alerts, the buyers served at once and the
   * buyers answered (new figures, derived from the same turns), and the followed-up buyers (a new
   * figure, derived from the same follow-ups).
   */
  private static String truthHash(GroundTruth truth) throws Exception {
    ObjectMapper json = new ObjectMapper();
    ObjectNode tree = (ObjectNode) json.readTree(truth.toJson());
    assertThat(tree.at("/scenario/poisonRate").asText()).isEqualTo("0.0");
    assertThat(tree.at("/ingest/poisonEvents")).isEmpty();
    ((ObjectNode) tree.get("scenario")).remove("poisonRate");
    ((ObjectNode) tree.get("ingest")).remove(List.of("poison", "poisonByReason", "poisonEvents"));
    tree.get("service")
        .forEach(
            shop ->
                ((ObjectNode) shop)
                    .remove(List.of("waitAlerts", "concurrencyByAgentDay", "buyerReplyByDay")));
    tree.get("attribution")
        .forEach(
            shop -> {
              ((ObjectNode) shop.get("total")).remove("followedUpBuyers");
              shop.get("agents").forEach(row -> ((ObjectNode) row).remove("followedUpBuyers"));
            });
    byte[] canonical = json.writeValueAsString(tree).getBytes(StandardCharsets.UTF_8);
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
  }
}
