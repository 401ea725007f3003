// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.generator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.servicepulse.events.ChatMessage;
import io.servicepulse.events.OrderEvent;
import io.servicepulse.events.OrderStatus;
import io.servicepulse.events.SenderRole;
import io.servicepulse.schemas.DecodeFailure;
import io.servicepulse.schemas.DecodeResult;
import io.servicepulse.schemas.EventCodec;
import io.servicepulse.schemas.ReleasedSchemas;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PoisonRecordsTest {

  private static final GeneratorConfig CONFIG =
      GeneratorConfig.builder().buyersPerShop(60).malformedRate(0.01).poisonRate(0.02).build();

  private static final EventCodec<ChatMessage> CHAT =
      EventCodec.chatMessages(ReleasedSchemas.bundled());
  private static final EventCodec<OrderEvent> ORDERS =
      EventCodec.orderEvents(ReleasedSchemas.bundled());

  private static GeneratedStream stream;
  private static List<GeneratedRecord> records;
  private static List<GeneratedRecord> poison;

  @BeforeAll
  static void generate() {
    stream = EventGenerator.generate(CONFIG);
    records = new ArrayList<>();
    stream.forEach(records::add);
    poison = records.stream().filter(r -> r.kind() == GeneratedRecord.Kind.POISON).toList();
  }

  @Test
  void sameSeedGivesIdenticalBytesAndTruth() throws Exception {
    GeneratedStream again = EventGenerator.generate(CONFIG);
    assertThat(StreamFingerprintTest.recordsHash(again))
        .isEqualTo(StreamFingerprintTest.recordsHash(records));
    assertThat(again.truth().toJson()).isEqualTo(stream.truth().toJson());
  }

  @Test
  void countsPerTopicAndReasonFollowTheRate() {
    GroundTruth.Ingest ingest = stream.truth().ingest();
    Map<String, Long> valid = new TreeMap<>();
    Map<String, Long> perTopic = new TreeMap<>();
    for (GeneratedRecord r : records) {
      switch (r.kind()) {
        case POISON -> perTopic.merge(r.topic(), 1L, Long::sum);
        case MALFORMED -> {}
        default -> valid.merge(r.topic(), 1L, Long::sum);
      }
    }
    Map<String, Long> expectedReasons = new TreeMap<>();
    for (PoisonKind kind : PoisonKind.values()) {
      expectedReasons.put(kind.reason, 0L);
    }
    for (String topic : List.of(CONFIG.chatTopic(), CONFIG.orderTopic())) {
      long n = (long) Math.ceil(CONFIG.poisonRate() * valid.get(topic));
      assertThat(perTopic.get(topic)).as(topic).isEqualTo(n);
      PoisonKind[] kinds = topic.equals(CONFIG.chatTopic()) ? PoisonKind.CHAT : PoisonKind.ORDER;
      for (long i = 0; i < n; i++) {
        expectedReasons.merge(kinds[(int) (i % kinds.length)].reason, 1L, Long::sum);
      }
    }
    assertThat(ingest.poison()).isEqualTo(perTopic);
    assertThat(ingest.poisonByReason()).isEqualTo(expectedReasons);
    assertThat(expectedReasons.values()).allSatisfy(n -> assertThat(n).isPositive());
    assertThat(ingest.poisonEvents()).hasSize(poison.size());
    assertThat(ingest.totalRecords()).isEqualTo(records.size());
    assertThat(
            ingest.chatMessages()
                + ingest.orderEvents()
                + ingest.duplicatesTotal()
                + ingest.malformedTotal()
                + ingest.poisonTotal())
        .isEqualTo(records.size());
  }

  @Test
  void eachKindDecodesAndHasItsBadProperty() {
    List<GroundTruth.PoisonEvent> truth = stream.truth().ingest().poisonEvents();
    Set<String> reasons = new HashSet<>();
    Set<SenderRole> roles = EnumSet.noneOf(SenderRole.class);
    byte[] chatHeader = header(CONFIG.chatTopic());
    byte[] orderHeader = header(CONFIG.orderTopic());
    for (int i = 0; i < poison.size(); i++) {
      GeneratedRecord r = poison.get(i);
      GroundTruth.PoisonEvent expected = truth.get(i);
      boolean isChat = r.topic().equals(CONFIG.chatTopic());
      DecodeResult<?> decoded = isChat ? CHAT.decode(r.value()) : ORDERS.decode(r.value());
      if (expected.reason().equals("invalid UTF-8")) {
        // The codec refuses bad UTF-8; Avro's own (lenient) reader shows the rest is valid.
        assertThat(decoded.failure()).isEqualTo(DecodeFailure.INVALID_UTF8);
        decoded = DecodeResult.ok(lenientChat(r.value()));
      }
      assertThat(decoded.isOk()).as("%s: %s", expected.reason(), decoded).isTrue();
      assertThat(Arrays.copyOf(r.value(), 10)).isEqualTo(isChat ? chatHeader : orderHeader);
      assertThat(expected.topic()).isEqualTo(r.topic());
      reasons.add(expected.reason());
      if (expected.reason().equals("conflicting duplicate")) {
        assertIsAConflictingCopy(r, decoded.event(), expected.eventId());
        continue;
      }
      String key = new String(r.key(), StandardCharsets.UTF_8);
      Instant ts;
      if (decoded.event() instanceof ChatMessage m) {
        assertThat(m.getEventId()).isEqualTo(expected.eventId());
        assertThat(m.getBuyerId()).startsWith("poison-");
        assertThat(key).isEqualTo(m.getShopId() + "|" + m.getBuyerId());
        assertThat(m.getAgentId()).isNotNull();
        assertThat(m.getTeamId()).isNotNull();
        assertThat(m.getConversationId()).isNotNull();
        roles.add(m.getSenderRole());
        ts = m.getTs();
        String text = m.getText();
        switch (expected.reason()) {
          case "text too long" -> {
            assertThat(text.getBytes(StandardCharsets.UTF_8)).hasSize(1024 * 1024 + 1);
            assertThat(text).startsWith("亲，").doesNotContain("\uFFFD");
          }
          case "invalid UTF-8" -> {
            assertThat(indexOf(r.value(), new byte[] {(byte) 0xC3, 0x28})).isPositive();
            assertThat(text).contains("\uFFFD(");
          }
          default -> assertThat(text).doesNotContain("\uFFFD").isNotBlank();
        }
      } else {
        OrderEvent o = (OrderEvent) decoded.event();
        assertThat(o.getEventId()).isEqualTo(expected.eventId());
        assertThat(o.getBuyerId()).startsWith("poison-");
        assertThat(key).isEqualTo(o.getShopId() + "|" + o.getBuyerId());
        assertThat(o.getStatus()).isEqualTo(OrderStatus.CREATED);
        assertThat(o.getAmount().scale()).isEqualTo(2);
        ts = o.getTs();
        if (expected.reason().equals("amount out of range")) {
          assertThat(o.getAmount())
              .isEqualTo(new BigDecimal("10000000000000000000000000000.00"))
              .isEqualByComparingTo(BigDecimal.TEN.pow(28));
          assertThat(o.getAmount().precision()).isEqualTo(31);
        } else {
          assertThat(o.getAmount().precision()).isLessThanOrEqualTo(18);
        }
      }
      assertThat(r.timestamp()).isEqualTo(ts.toEpochMilli());
      switch (expected.reason()) {
        case "ts ahead of clock" -> assertThat(ts.atZone(ZoneOffset.UTC).getYear()).isEqualTo(2100);
        case "ts before floor" -> assertThat(ts).isEqualTo(Instant.parse("1990-01-01T00:00:00Z"));
        default -> assertThat(ts).isBetween(CONFIG.start(), CONFIG.end().plus(CONFIG.lateDelay()));
      }
    }
    assertThat(reasons)
        .containsExactlyInAnyOrder(
            "ts ahead of clock",
            "ts before floor",
            "amount out of range",
            "text too long",
            "invalid UTF-8",
            "conflicting duplicate");
    assertThat(roles).containsExactlyInAnyOrder(SenderRole.BUYER, SenderRole.AGENT);
  }

  @Test
  void poisonEventIdsAreUniqueAndNoOneElses() {
    Set<String> poisonIds = new HashSet<>();
    stream.truth().ingest().poisonEvents().stream()
        .filter(p -> !p.reason().equals("conflicting duplicate"))
        .forEach(p -> assertThat(poisonIds.add(p.eventId())).isTrue());
    for (GeneratedRecord r : records) {
      if (r.kind() == GeneratedRecord.Kind.POISON || r.kind() == GeneratedRecord.Kind.MALFORMED) {
        continue;
      }
      boolean isChat = r.topic().equals(CONFIG.chatTopic());
      String id =
          isChat
              ? CHAT.decode(r.value()).event().getEventId()
              : ORDERS.decode(r.value()).event().getEventId();
      assertThat(poisonIds).doesNotContain(id);
    }
  }

  /** Poison records are only added: everything else, bytes and figures, is as without them. */
  @Test
  void poisonLeavesEveryOtherRecordAndFigureAlone() throws Exception {
    GeneratedStream clean = EventGenerator.generate(CONFIG.toBuilder().poisonRate(0).build());
    List<GeneratedRecord> others =
        records.stream().filter(r -> r.kind() != GeneratedRecord.Kind.POISON).toList();
    assertThat(StreamFingerprintTest.recordsHash(others))
        .isEqualTo(StreamFingerprintTest.recordsHash(clean));

    ObjectMapper json = new ObjectMapper();
    JsonNode with = json.readTree(stream.truth().toJson());
    JsonNode without = json.readTree(clean.truth().toJson());
    for (String section : List.of("service", "attribution", "qa", "agentTeams")) {
      assertThat(with.get(section)).as(section).isEqualTo(without.get(section));
    }
    for (String field :
        List.of(
            "chatMessages",
            "orderEvents",
            "perShop",
            "malformed",
            "duplicates",
            "outOfOrderEvents",
            "lateEvents",
            "lateEventIds")) {
      assertThat(with.get("ingest").get(field))
          .as(field)
          .isEqualTo(without.get("ingest").get(field));
    }
    GroundTruth.Ingest in = stream.truth().ingest();
    assertThat(in.totalRecords())
        .isEqualTo(clean.truth().ingest().totalRecords() + in.poisonTotal());
    assertThat(clean.truth().ingest().poisonTotal()).isZero();
  }

  /**
   * A conflicting copy repeats the id of exactly one real event written before it, on the same
   * partition key, with other bytes (its ts 7 s later); no two copies share an original.
   */
  private static final Set<String> COPIED = new HashSet<>();

  private static void assertIsAConflictingCopy(GeneratedRecord copy, Object event, String id) {
    Instant ts = event instanceof ChatMessage m ? m.getTs() : ((OrderEvent) event).getTs();
    assertThat(event instanceof ChatMessage m ? m.getEventId() : ((OrderEvent) event).getEventId())
        .isEqualTo(id);
    assertThat(COPIED.add(id)).as("one copy per original: %s", id).isTrue();
    List<GeneratedRecord> originals = new ArrayList<>();
    for (GeneratedRecord r : records) {
      if (r == copy) {
        break;
      }
      if (r.topic().equals(copy.topic())
          && r.kind() != GeneratedRecord.Kind.POISON
          && r.kind() != GeneratedRecord.Kind.MALFORMED
          && r.kind() != GeneratedRecord.Kind.DUPLICATE
          && id.equals(
              r.topic().equals(CONFIG.chatTopic())
                  ? CHAT.decode(r.value()).event().getEventId()
                  : ORDERS.decode(r.value()).event().getEventId())) {
        originals.add(r);
      }
    }
    assertThat(originals).as("the original of %s, written before it", id).hasSize(1);
    GeneratedRecord original = originals.get(0);
    assertThat(original.key()).isEqualTo(copy.key());
    assertThat(original.value()).isNotEqualTo(copy.value());
    assertThat(ts.toEpochMilli() - original.timestamp()).isEqualTo(7_000);
    assertThat(copy.timestamp()).isEqualTo(ts.toEpochMilli());
  }

  /** Marker and fingerprint of a valid record of the topic: the current schema's. */
  private static byte[] header(String topic) {
    return records.stream()
        .filter(r -> r.topic().equals(topic) && r.kind() == GeneratedRecord.Kind.ON_TIME)
        .map(r -> Arrays.copyOf(r.value(), 10))
        .findFirst()
        .orElseThrow();
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static ChatMessage lenientChat(byte[] bytes) {
    try {
      var decoder =
          new org.apache.avro.message.BinaryMessageDecoder<ChatMessage>(
              org.apache.avro.specific.SpecificData.getForClass(ChatMessage.class),
              ChatMessage.getClassSchema());
      ReleasedSchemas.bundled()
          .versionsOf(ChatMessage.getClassSchema().getFullName())
          .forEach(decoder::addSchema);
      return decoder.decode(bytes);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
