// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.generator;

import io.servicepulse.events.SenderRole;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Delivery faults on the planned events: late buyers emitted {@code lateDelay} after their event
 * time; out-of-order events held back 30–110 s (after later events of their buyer, inside a 5 min
 * allowed lateness even with a 2 min out-of-orderness bound); duplicates emitted again 1–60 s later
 * with identical bytes; malformed and poison records added at random times.
 */
final class FaultInjector {

  private static final long SEC = 1_000;

  /** Poison ts ahead of any clock: early January 2100, one minute apart. */
  static final long POISON_AHEAD_MS = Instant.parse("2100-01-01T00:00:00Z").toEpochMilli();

  /** Poison ts before any plausible event, below the jobs' ts floor. */
  static final long POISON_FLOOR_MS = Instant.parse("1990-01-01T00:00:00Z").toEpochMilli();

  private final GeneratorConfig config;
  private final Random rng;

  FaultInjector(GeneratorConfig config, Random rng) {
    this.config = config;
    this.rng = rng;
  }

  /** Sets emission times and kinds; returns the duplicate copies to add. */
  List<PlannedEvent> displaceAndDuplicate(List<PlannedEvent> events) {
    List<PlannedEvent> copies = new ArrayList<>();
    long lateDelay = config.lateDelay().toMillis();
    for (PlannedEvent e : events) {
      if (e.buyer.late) {
        e.emitAt = e.ts + lateDelay;
        continue;
      }
      boolean outOfOrder = Rngs.chance(rng, config.outOfOrderRate());
      long hold = Rngs.between(rng, 30 * SEC, 110 * SEC);
      boolean duplicate = Rngs.chance(rng, config.duplicateRate());
      long copyDelay = Rngs.between(rng, SEC, 60 * SEC);
      if (outOfOrder) {
        e.emitAt = e.ts + hold;
        e.kind = GeneratedRecord.Kind.OUT_OF_ORDER;
      }
      if (duplicate) {
        copies.add(e.duplicate(e.emitAt + copyDelay));
      }
    }
    return copies;
  }

  /**
   * {@code ceil(rate × valid records)} malformed records per topic, keyed like a real buyer's
   * records, at random times within the stream.
   */
  List<PlannedEvent> malformed(
      long chatRecords, long orderRecords, List<BuyerKey> keys, long from, long to) {
    List<PlannedEvent> bad = new ArrayList<>();
    double rate = config.malformedRate();
    long[] counts = {(long) Math.ceil(rate * chatRecords), (long) Math.ceil(rate * orderRecords)};
    MalformedKind[] kinds = MalformedKind.values();
    for (int topic = 0; topic < 2; topic++) {
      for (long i = 0; i < counts[topic]; i++) {
        BuyerKey key = keys.get(rng.nextInt(keys.size()));
        PlannedEvent e =
            new PlannedEvent(
                key,
                PlannedEvent.Type.MALFORMED,
                Rngs.between(rng, from, to),
                rng.nextInt(),
                kinds[(int) (i % kinds.length)].ordinal(),
                topic,
                -1,
                0,
                0);
        e.kind = GeneratedRecord.Kind.MALFORMED;
        bad.add(e);
      }
    }
    return bad;
  }

  /**
   * {@code ceil(poisonRate × valid records)} poison records per topic, cycling through the topic's
   * {@link PoisonKind}s, at random times within the stream. Each has its own buyer ({@code
   * poison-01-00001}…, shops in turn), so none of them enters a service, attribution or QA figure.
   */
  List<PlannedEvent> poison(
      List<PlannedEvent> events,
      long chatRecords,
      long orderRecords,
      List<ShopModel> shops,
      long from,
      long to) {
    List<List<PlannedEvent>> originals = conflictCandidates(events);
    Set<PlannedEvent> copied = Collections.newSetFromMap(new IdentityHashMap<>());
    List<PlannedEvent> bad = new ArrayList<>();
    double rate = config.poisonRate();
    long[] counts = {(long) Math.ceil(rate * chatRecords), (long) Math.ceil(rate * orderRecords)};
    int n = 0;
    for (int topic = 0; topic < 2; topic++) {
      PoisonKind[] kinds = topic == 0 ? PoisonKind.CHAT : PoisonKind.ORDER;
      for (long i = 0; i < counts[topic]; i++, n++) {
        ShopModel shop = shops.get(n % shops.size());
        BuyerKey key =
            new BuyerKey(shop, String.format("poison-%02d-%05d", shop.index + 1, n + 1), false);
        PoisonKind kind = kinds[(int) (i % kinds.length)];
        if (kind == PoisonKind.CONFLICTING_DUPLICATE) {
          PlannedEvent copy = conflictingCopy(originals.get(topic), copied, n, topic);
          if (copy != null) {
            bad.add(copy);
            continue;
          }
          kind = kinds[0];
        }
        long emitAt = Rngs.between(rng, from, to);
        Texts.Kind textKind =
            PoisonKind.role(n) == SenderRole.AGENT ? Texts.Kind.AGENT : Texts.Kind.BUYER_OPEN;
        int text = Texts.pick(rng, shop.lang, textKind);
        long amountCents = Rngs.between(rng, 90, 9_000) * 10;
        long ts =
            switch (kind) {
              case TS_AHEAD -> POISON_AHEAD_MS + (n % 10_000) * 60 * SEC;
              case TS_BEFORE_FLOOR -> POISON_FLOOR_MS;
              default -> emitAt;
            };
        PlannedEvent e =
            new PlannedEvent(
                key, PlannedEvent.Type.POISON, ts, n, kind.ordinal(), topic, text, 0, amountCents);
        e.emitAt = emitAt;
        e.kind = GeneratedRecord.Kind.POISON;
        bad.add(e);
      }
    }
    return bad;
  }

  /** Valid on-time or out-of-order events of real buyers, per topic (0 chat, 1 orders). */
  private static List<List<PlannedEvent>> conflictCandidates(List<PlannedEvent> events) {
    List<List<PlannedEvent>> byTopic = List.of(new ArrayList<>(), new ArrayList<>());
    for (PlannedEvent e : events) {
      boolean valid =
          (e.type == PlannedEvent.Type.CHAT || e.type == PlannedEvent.Type.ORDER)
              && (e.kind == GeneratedRecord.Kind.ON_TIME
                  || e.kind == GeneratedRecord.Kind.OUT_OF_ORDER);
      if (valid) {
        byTopic.get(e.isChatTopic() ? 0 : 1).add(e);
      }
    }
    return byTopic;
  }

  /**
   * The event again 5–60 s after it, on its buyer's partition (so every job reads it second), with
   * its ts 7 s later: same event_id, other content. Each original is copied at most once.
   */
  private PlannedEvent conflictingCopy(
      List<PlannedEvent> originals, Set<PlannedEvent> copied, int n, int topic) {
    for (int attempt = 0; attempt < 100 && !originals.isEmpty(); attempt++) {
      PlannedEvent original = originals.get(rng.nextInt(originals.size()));
      if (copied.add(original)) {
        PlannedEvent copy =
            new PlannedEvent(
                original.buyer,
                PlannedEvent.Type.POISON,
                original.ts + 7 * SEC,
                n,
                PoisonKind.CONFLICTING_DUPLICATE.ordinal(),
                topic,
                original.text,
                0,
                original.amountCents);
        copy.original = original;
        copy.emitAt = original.emitAt + Rngs.between(rng, 5 * SEC, 60 * SEC);
        copy.kind = GeneratedRecord.Kind.POISON;
        return copy;
      }
    }
    return null;
  }
}
