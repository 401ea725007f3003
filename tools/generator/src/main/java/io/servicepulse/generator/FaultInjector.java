package io.servicepulse.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Delivery faults on the planned events: late buyers emitted {@code lateDelay} after their event
 * time; out-of-order events held back 30–110 s (after later events of their buyer, inside a 5 min
 * allowed lateness even with a 2 min out-of-orderness bound); duplicates emitted again 1–60 s later
 * with identical bytes; malformed records added at random times.
 */
final class FaultInjector {

  private static final long SEC = 1_000;

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
}
