// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.metrics.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicepulse.common.testing.StateMigration;
import io.servicepulse.metrics.KeyedHarness;
import io.servicepulse.metrics.MetricsSettings;
import io.servicepulse.metrics.turn.TurnFact;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
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

class MinuteAggregatorSerializerTest {

  private static final MinuteAggregatorSerializer SERIALIZER = new MinuteAggregatorSerializer();
  private static final long MINUTE = 1_800_000_000_000L / 60_000 * 60_000;

  /** The state type of the releases until 2026-12-04: Flink's POJO serializer. */
  private static final TypeInformation<MinuteAggregator> RELEASED_TYPE = releasedType();

  private static TypeInformation<MinuteAggregator> releasedType() {
    TypeInformation<MinuteSums> sums = Types.POJO(MinuteSums.class);
    return Types.POJO(
        MinuteAggregator.class,
        Map.ofEntries(
            Map.entry("shopId", Types.STRING),
            Map.entry("teamId", Types.STRING),
            Map.entry("agentId", Types.STRING),
            Map.entry("minuteMs", Types.LONG),
            Map.entry("settled", sums),
            Map.entry(
                "pending",
                Types.MAP(
                    Types.STRING,
                    Types.POJO(
                        PendingItem.class, Map.of("values", sums, "finalAtMs", Types.LONG)))),
            Map.entry("pendingSums", sums),
            Map.entry("pendingMaxStale", Types.BOOLEAN),
            Map.entry("pendingNextFinalAt", Types.LONG),
            Map.entry("version", Types.LONG),
            Map.entry("dirty", Types.BOOLEAN)));
  }

  @Test
  void everySumIsWrittenInItsOwnPlace() throws Exception {
    // A sum added to MinuteSums without a place here would be lost at the next checkpoint.
    long fields =
        Arrays.stream(MinuteSums.class.getDeclaredFields())
            .filter(f -> !Modifier.isStatic(f.getModifiers()))
            .count();
    assertThat(fields).isEqualTo(MinuteAggregatorSerializer.SUMS);
    MinuteSums s = new MinuteSums();
    long[] distinct = new long[MinuteAggregatorSerializer.SUMS];
    for (int i = 0; i < distinct.length; i++) {
      distinct[i] = 1000 + i;
    }
    MinuteAggregatorSerializer.set(s, distinct);
    for (Field f : MinuteSums.class.getDeclaredFields()) {
      if (!Modifier.isStatic(f.getModifiers())) {
        assertThat(f.getLong(s)).as(f.getName()).isBetween(1000L, 1014L);
      }
    }
    assertThat(
            Arrays.stream(MinuteSums.class.getDeclaredFields())
                .filter(f -> !Modifier.isStatic(f.getModifiers()))
                .map(f -> get(f, s))
                .distinct()
                .count())
        .isEqualTo(MinuteAggregatorSerializer.SUMS);
    assertThat(MinuteAggregatorSerializer.values(s)).containsExactly(distinct);
  }

  private static long get(Field f, MinuteSums s) {
    try {
      return f.getLong(s);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void randomRowsComeBackEqualAndSmallerThanThePojoBytes() throws Exception {
    Random random = new Random(7);
    TypeSerializer<MinuteAggregator> pojo =
        RELEASED_TYPE.createSerializer(new SerializerConfigImpl());
    long ours = 0;
    long theirs = 0;
    // 300: the recursive comparison takes ~10 ms a row.
    for (int i = 0; i < 300; i++) {
      MinuteAggregator a = randomRow(random);
      byte[] bytes = bytes(SERIALIZER, a);
      MinuteAggregator back = SERIALIZER.deserialize(new DataInputDeserializer(bytes));
      assertThat(back).usingRecursiveComparison().isEqualTo(a);
      assertThat(SERIALIZER.copy(a)).usingRecursiveComparison().isEqualTo(a);
      ours += bytes.length;
      theirs += bytes(pojo, a).length;
    }
    assertThat(ours).as("bytes of 300 rows, POJO serializer %,d", theirs).isLessThan(theirs / 4);
  }

  @Test
  void aCopyIsDeep() {
    MinuteAggregator a = randomRow(new Random(3));
    a.pending.put("t:x", new PendingItem(new MinuteSums(), MINUTE));
    MinuteAggregator c = SERIALIZER.copy(a);
    c.settled.turns += 5;
    c.pending.get("t:x").values.turns = 9;
    c.pending.remove(c.pending.keySet().iterator().next());
    assertThat(a.pending.get("t:x").values.turns).isZero();
    assertThat(SERIALIZER.copy(a)).usingRecursiveComparison().isEqualTo(a);
    assertThat(c.settled.turns).isEqualTo(a.settled.turns + 5);
  }

  @Test
  void stateOfThePojoReleaseIsMigratedAndKeepsCounting() throws Exception {
    assertThat(StateMigration.migratesFrom(MinuteAggregateFunction.stateType(), RELEASED_TYPE))
        .isTrue();
    MetricsSettings settings = MetricsSettings.defaults();
    OperatorSubtaskState released;
    try (var h = KeyedHarness.open(new ReleasedMinuteRows(), MinuteContribution::rowKey, null)) {
      h.processElement(MinuteContribution.ofTurn(turn("t1", settings)), MINUTE);
      released = h.snapshot(1, 1);
    }
    try (var h =
        KeyedHarness.open(
            new MinuteAggregateFunction("service-metrics", settings),
            MinuteContribution::rowKey,
            released)) {
      h.processElement(MinuteContribution.ofTurn(turn("t2", settings)), MINUTE);
      h.processWatermark(MINUTE + 20_000);
      List<MinuteRow> rows = h.extractOutputValues();
      assertThat(rows).singleElement().satisfies(r -> assertThat(r.sums.turns).isEqualTo(2));
      assertThat(rows.get(0).version).isEqualTo(2);
      // And the migrated state checkpoints and restores with the compact serializer.
      OperatorSubtaskState migrated = h.snapshot(2, 2);
      try (var again =
          KeyedHarness.open(
              new MinuteAggregateFunction("service-metrics", settings),
              MinuteContribution::rowKey,
              migrated)) {
        again.processElement(MinuteContribution.ofTurn(turn("t3", settings)), MINUTE);
        again.processWatermark(MINUTE + 30_000);
        assertThat(again.extractOutputValues())
            .singleElement()
            .satisfies(
                r -> {
                  assertThat(r.sums.turns).isEqualTo(3);
                  assertThat(r.version).isEqualTo(3);
                });
      }
    }
  }

  /** What the release kept for a row: the aggregator under "minute-row", POJO serializer. */
  private static final class ReleasedMinuteRows
      extends KeyedProcessFunction<String, MinuteContribution, MinuteRow> {
    private transient ValueState<MinuteAggregator> rows;

    @Override
    public void open(OpenContext context) {
      rows = getRuntimeContext().getState(new ValueStateDescriptor<>("minute-row", RELEASED_TYPE));
    }

    @Override
    public void processElement(MinuteContribution c, Context ctx, Collector<MinuteRow> out)
        throws Exception {
      MinuteAggregator row = MinuteAggregator.forRow(c);
      row.apply(c, Long.MIN_VALUE);
      row.emit(0);
      rows.update(row);
    }
  }

  private static TurnFact turn(String id, MetricsSettings settings) {
    TurnFact t = new TurnFact();
    t.turnId = id;
    t.shopId = "shop-1";
    t.teamId = "team-a";
    t.agentId = "agent-1";
    t.startMs = MINUTE + 5_000;
    t.answered = true;
    t.responseMs = 10_000;
    t.finalAtMs = settings.turnFinalAt(t.startMs, t.startMs + t.responseMs);
    return t;
  }

  private static byte[] bytes(TypeSerializer<MinuteAggregator> s, MinuteAggregator a)
      throws Exception {
    DataOutputSerializer out = new DataOutputSerializer(256);
    s.serialize(a, out);
    return out.getCopyOfBuffer();
  }

  private static MinuteAggregator randomRow(Random random) {
    MinuteAggregator a = new MinuteAggregator();
    a.shopId = random.nextInt(10) == 0 ? null : "shop-" + random.nextInt(5);
    a.teamId = random.nextInt(10) == 0 ? null : "团队-" + random.nextInt(3);
    a.agentId = "agent-" + random.nextInt(50);
    a.minuteMs = random.nextInt(20) == 0 ? Long.MIN_VALUE : MINUTE + 60_000L * random.nextInt(9);
    a.settled = random.nextInt(10) == 0 ? null : sums(random);
    int n = random.nextInt(5) == 0 ? 0 : random.nextInt(40);
    for (int i = 0; i < n; i++) {
      long finalAt =
          switch (random.nextInt(6)) {
            case 0 -> Long.MAX_VALUE;
            case 1 -> Long.MIN_VALUE;
            default -> MINUTE + random.nextInt(600_000);
          };
      a.pending.put(
          "t:buyer-" + random.nextInt(1000) + "-turn-" + i,
          random.nextInt(50) == 0 ? null : new PendingItem(sums(random), finalAt));
    }
    a.pendingSums = random.nextBoolean() ? null : sums(random);
    a.pendingMaxStale = random.nextBoolean();
    a.pendingNextFinalAt =
        switch (random.nextInt(4)) {
          case 0 -> null;
          case 1 -> Long.MAX_VALUE;
          default -> MINUTE + random.nextInt(600_000);
        };
    a.version = random.nextInt(10) == 0 ? -random.nextInt(5) : random.nextInt(1000);
    a.dirty = random.nextBoolean();
    return a;
  }

  /** Mostly a turn's few non-zero sums; sometimes extremes of either sign. */
  private static MinuteSums sums(Random random) {
    long[] v = new long[MinuteAggregatorSerializer.SUMS];
    for (int i = 0; i < v.length; i++) {
      v[i] =
          switch (random.nextInt(8)) {
            case 0 -> 1;
            case 1 -> random.nextInt(200_000);
            case 2 -> random.nextInt(30) == 0 ? Long.MIN_VALUE : -random.nextInt(3);
            case 3 -> random.nextInt(30) == 0 ? Long.MAX_VALUE : 0;
            default -> 0;
          };
    }
    MinuteSums s = new MinuteSums();
    MinuteAggregatorSerializer.set(s, v);
    return s;
  }

  @Test
  void checkpointsOfTheReleasesBeforeFormatNumbersRestoreAsIs() throws Exception {
    assertThat(StateMigration.restoresUnnumberedFormatAsIs(new MinuteAggregatorSerializer()))
        .isTrue();
  }
}
