// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.generator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Builds the scenario buyer by buyer, computes its ground truth, injects the delivery faults and
 * orders everything by emission time. Same config, same bytes and same truth.
 */
public final class EventGenerator {

  /** Share of buyers who order without chatting (silent orders). */
  private static final double SILENT_BUYER_SHARE = 0.1;

  /** Every n-th buyer of a shop also orders in the next shop under the same buyer id. */
  private static final int CROSS_SHOP_EVERY = 10;

  private EventGenerator() {}

  public static GeneratedStream generate(GeneratorConfig config) {
    MetricRules rules = config.rules();
    List<ShopModel> shops = ShopModel.build(config);
    TruthBuilder truth = new TruthBuilder(config, rules, shops);
    List<PlannedEvent> events = new ArrayList<>();
    List<BuyerKey> keys = new ArrayList<>();
    // Kept only for schema version 3's events (off by default).
    List<BuyerTimeline> timelines = config.hasAfterSales() ? new ArrayList<>() : null;

    for (ShopModel shop : shops) {
      for (int b = 0; b < config.buyersPerShop(); b++) {
        String buyerId = String.format("buyer-%02d-%05d", shop.index + 1, b + 1);
        BuyerKey key = new BuyerKey(shop, buyerId, false);
        Random rng = Rngs.derive(config.seed(), 2, shop.index, b);
        BuyerTimeline timeline =
            Rngs.chance(rng, SILENT_BUYER_SHARE)
                ? BuyerSimulator.silent(config, rules, key, rng)
                : BuyerSimulator.chatter(config, rules, key, rng);
        add(timeline, truth, events, keys, timelines);
        if (shops.size() > 1 && b % CROSS_SHOP_EVERY == CROSS_SHOP_EVERY - 1) {
          BuyerKey elsewhere =
              new BuyerKey(shops.get((shop.index + 1) % shops.size()), buyerId, false);
          Random other = Rngs.derive(config.seed(), 3, shop.index, b);
          add(
              BuyerSimulator.silent(config, rules, elsewhere, other),
              truth,
              events,
              keys,
              timelines);
        }
      }
    }
    addLateBuyers(config, rules, shops, truth, events);

    FaultInjector faults = new FaultInjector(config, Rngs.derive(config.seed(), 5));
    events.addAll(faults.displaceAndDuplicate(events));
    long chatRecords = events.stream().filter(e -> e.type == PlannedEvent.Type.CHAT).count();
    long from = events.stream().mapToLong(e -> e.emitAt).min().orElse(0);
    long to = events.stream().mapToLong(e -> e.emitAt).max().orElse(0);
    long orderRecords = events.size() - chatRecords;
    events.addAll(faults.malformed(chatRecords, orderRecords, keys, from, Math.max(from + 1, to)));
    // Own random stream: a poison rate of 0 leaves every other record's bytes as they were.
    FaultInjector poison = new FaultInjector(config, Rngs.derive(config.seed(), 6));
    events.addAll(
        poison.poison(events, chatRecords, orderRecords, shops, from, Math.max(from + 1, to)));

    if (timelines != null) {
      // After every fault, from streams of their own: the rest keeps its bytes.
      events.addAll(
          AfterSalesScenario.generate(config, rules, shops, timelines, truth.afterSales()));
    }

    PlannedEvent[] records = events.toArray(PlannedEvent[]::new);
    for (int i = 0; i < records.length; i++) {
      records[i].seq = i;
    }
    Arrays.sort(
        records,
        Comparator.<PlannedEvent>comparingLong(e -> e.emitAt).thenComparingInt(e -> e.seq));
    for (PlannedEvent record : records) {
      truth.emitted(record, record.topic(config));
    }
    return new GeneratedStream(records, truth.build(), config);
  }

  private static void add(
      BuyerTimeline timeline,
      TruthBuilder truth,
      List<PlannedEvent> events,
      List<BuyerKey> keys,
      List<BuyerTimeline> timelines) {
    truth.add(timeline);
    if (timelines != null) {
      timelines.add(timeline);
    }
    events.addAll(timeline.events);
    keys.add(timeline.buyer);
  }

  /** Dedicated late buyers until their events reach {@code lateRate} of the valid events. */
  private static void addLateBuyers(
      GeneratorConfig config,
      MetricRules rules,
      List<ShopModel> shops,
      TruthBuilder truth,
      List<PlannedEvent> events) {
    long target = (long) Math.ceil(config.lateRate() * events.size());
    long late = 0;
    for (int i = 0; late < target && i < target * 10; i++) {
      ShopModel shop = shops.get(i % shops.size());
      BuyerKey key =
          new BuyerKey(shop, String.format("late-%02d-%05d", shop.index + 1, i + 1), true);
      BuyerTimeline timeline =
          BuyerSimulator.late(config, rules, key, Rngs.derive(config.seed(), 4, i));
      truth.add(timeline);
      events.addAll(timeline.events);
      late += timeline.events.size();
    }
  }
}
