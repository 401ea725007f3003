// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.metrics.rate;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicepulse.common.testing.StateMigration;
import io.servicepulse.metrics.KeyedHarness;
import io.servicepulse.metrics.MetricsSettings;
import io.servicepulse.metrics.turn.TurnFact;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

class BuyerDaySerializerTest {

  private static final BuyerDaySerializer SERIALIZER = new BuyerDaySerializer();
  private static final int DAY = 20_000;

  /** The state type of the releases until 2026-12-04: Flink's POJO serializer. */
  private static final TypeInformation<BuyerDay> RELEASED_TYPE =
      Types.POJO(
          BuyerDay.class,
          Map.of(
              "shopId",
              Types.STRING,
              "day",
              Types.INT,
              "turns",
              Types.LIST(Types.POJO(TurnOutcome.class)),
              "reported",
              Types.MAP(Types.STRING, Types.INT)));

  @Test
  void randomDaysComeBackEqualAndSmallerThanThePojoBytes() throws Exception {
    Random random = new Random(5);
    TypeSerializer<BuyerDay> pojo = RELEASED_TYPE.createSerializer(new SerializerConfigImpl());
    long ours = 0;
    long theirs = 0;
    for (int i = 0; i < 300; i++) {
      BuyerDay d = randomDay(random);
      byte[] bytes = bytes(SERIALIZER, d);
      assertThat(SERIALIZER.deserialize(new DataInputDeserializer(bytes)))
          .usingRecursiveComparison()
          .isEqualTo(d);
      assertThat(SERIALIZER.copy(d)).usingRecursiveComparison().isEqualTo(d);
      // Flink's list serializer has no null elements: compare sizes on the others.
      if (d.turns == null || !d.turns.contains(null)) {
        ours += bytes.length;
        theirs += bytes(pojo, d).length;
      }
    }
    assertThat(ours).as("bytes, POJO serializer %,d", theirs).isLessThan(theirs / 2);
  }

  @Test
  void aCopyIsDeep() {
    BuyerDay d = randomDay(new Random(9));
    d.turns.add(outcome("t-x", "agent-1", true, true));
    BuyerDay c = SERIALIZER.copy(d);
    c.turns.get(c.turns.size() - 1).withinN = false;
    c.reported.put("a:agent-9", 3);
    assertThat(d.turns.get(d.turns.size() - 1).withinN).isTrue();
    assertThat(d.reported).doesNotContainKey("a:agent-9");
  }

  @Test
  void stateOfThePojoReleaseIsMigratedAndKeepsItsFlags() throws Exception {
    assertThat(StateMigration.migratesFrom(BuyerDayFunction.stateType(), RELEASED_TYPE)).isTrue();
    MetricsSettings settings = MetricsSettings.defaults();
    OperatorSubtaskState released;
    try (var h = KeyedHarness.open(new ReleasedBuyerDays(), BuyerDayFunction::key, null)) {
      h.processElement(turn("t1", true), 0);
      released = h.snapshot(1, 1);
    }
    try (var h =
        KeyedHarness.open(
            new BuyerDayFunction("service-metrics", settings), BuyerDayFunction::key, released)) {
      // The day was reached within N; a late turn makes it missed: only the miss is new.
      h.processElement(turn("t2", false), 0);
      List<ReplyRateDelta> deltas = h.extractOutputValues();
      assertThat(deltas).hasSize(2);
      assertThat(deltas).allSatisfy(d -> assertThat(d.reachedDelta).isZero());
      assertThat(deltas).allSatisfy(d -> assertThat(d.missedDelta).isEqualTo(1));
      OperatorSubtaskState migrated = h.snapshot(2, 2);
      try (var again =
          KeyedHarness.open(
              new BuyerDayFunction("service-metrics", settings), BuyerDayFunction::key, migrated)) {
        // Retracting the late turn takes the miss back: the migrated state held both turns.
        TurnFact retracted = turn("t2", false);
        retracted.retracted = true;
        again.processElement(retracted, 0);
        assertThat(again.extractOutputValues())
            .hasSize(2)
            .allSatisfy(d -> assertThat(d.missedDelta).isEqualTo(-1));
      }
    }
  }

  /** What the release kept: the buyer-day under "buyer-day", POJO serializer. */
  private static final class ReleasedBuyerDays
      extends KeyedProcessFunction<String, TurnFact, ReplyRateDelta> {
    private transient ValueState<BuyerDay> days;

    @Override
    public void open(OpenContext context) {
      days = getRuntimeContext().getState(new ValueStateDescriptor<>("buyer-day", RELEASED_TYPE));
    }

    @Override
    public void processElement(TurnFact t, Context ctx, Collector<ReplyRateDelta> out)
        throws Exception {
      BuyerDay day = new BuyerDay(t.shopId, t.day);
      day.apply(t);
      day.changes();
      days.update(day);
    }
  }

  private static TurnFact turn(String id, boolean withinN) {
    TurnFact t = new TurnFact();
    t.turnId = id;
    t.shopId = "shop-1";
    t.buyerId = "buyer-1";
    t.agentId = "agent-1";
    t.teamId = "team-a";
    t.answered = true;
    t.responseMs = withinN ? 20_000 : 400_000;
    t.withinN = withinN;
    t.businessHours = true;
    t.day = DAY;
    return t;
  }

  private static TurnOutcome outcome(String id, String agent, boolean human, boolean withinN) {
    TurnOutcome o = new TurnOutcome();
    o.turnId = id;
    o.agentId = agent;
    o.humanAnswered = human;
    o.withinN = withinN;
    return o;
  }

  private static byte[] bytes(TypeSerializer<BuyerDay> s, BuyerDay d) throws Exception {
    DataOutputSerializer out = new DataOutputSerializer(256);
    s.serialize(d, out);
    return out.getCopyOfBuffer();
  }

  private static BuyerDay randomDay(Random random) {
    BuyerDay d = new BuyerDay(random.nextInt(10) == 0 ? null : "店铺-" + random.nextInt(5), DAY);
    d.day = random.nextInt(20) == 0 ? Integer.MIN_VALUE : DAY + random.nextInt(3);
    String buyer = "buyer-" + random.nextInt(100_000);
    d.turns = random.nextInt(30) == 0 ? null : new ArrayList<>();
    int n = d.turns == null ? 0 : random.nextInt(30);
    for (int i = 0; i < n; i++) {
      d.turns.add(
          random.nextInt(40) == 0
              ? null
              : outcome(
                  random.nextInt(40) == 0 ? null : "t-" + buyer + "-msg-" + (1000 + i),
                  random.nextInt(10) == 0 ? null : "agent-" + random.nextInt(4),
                  random.nextBoolean(),
                  random.nextBoolean()));
    }
    d.reported = random.nextInt(30) == 0 ? null : new HashMap<>();
    if (d.reported != null) {
      d.reported.put("", random.nextInt(4));
      for (int i = random.nextInt(3); i > 0; i--) {
        d.reported.put("a:agent-" + i, random.nextInt(10) == 0 ? null : random.nextInt(4) - 1);
      }
    }
    return d;
  }

  @Test
  void checkpointsOfTheReleasesBeforeFormatNumbersRestoreAsIs() throws Exception {
    assertThat(StateMigration.restoresUnnumberedFormatAsIs(new BuyerDaySerializer())).isTrue();
  }
}
