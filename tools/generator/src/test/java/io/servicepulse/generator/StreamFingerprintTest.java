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
 * code before poison records existed (commit b677c34) and re-recorded when buyers began to say
 * thanks or OK after answers (Texts.Kind.BUYER_ACK, no turn); re-record them only for an intended
 * change of the scenario.
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
    assertThat(stream.size()).isEqualTo(1409);
    assertThat(recordsHash(stream))
        .isEqualTo("b84aa29f9d060efefa939914f24a8cda88e7b70c071068e1545c6f03e451a579");
    assertThat(truthHash(stream.truth()))
        .isEqualTo("712f8a1e810eb7fc3b35653d0a4f9bedabe461f4227422a559d5329d764bbddb");
  }

  @Test
  void faultyScenarioWithPoisonRateZeroKeepsItsBytes() throws Exception {
    GeneratedStream stream = EventGenerator.generate(FAULTY.toBuilder().poisonRate(0).build());
    assertThat(stream.size()).isEqualTo(2922);
    assertThat(recordsHash(stream))
        .isEqualTo("3ac317d9a367c23f54767f0b53328a8a8926e064e56fb7b40d33719065697c10");
    assertThat(truthHash(stream.truth()))
        .isEqualTo("68db3f4f8665e8bb501004564afd6ed9d4f48f0355c8cb9c2200c89424042e14");
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
   * records (all empty at rate 0), the waiting-buyer alerts, the buyers served at once, the buyers
   * answered and the turns bots replied to (new figures, derived from the same turns), and the
   * followed-up buyers (a new figure, derived from the same follow-ups).
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
                    .remove(
                        List.of(
                            "waitAlerts",
                            "concurrencyByAgentDay",
                            "buyerReplyByDay",
                            "botTurnsByDay")));
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
