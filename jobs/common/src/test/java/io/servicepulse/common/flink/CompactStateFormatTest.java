// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicepulse.common.testing.StateMigration;
import java.io.IOException;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

/**
 * A compact state serializer whose bytes change (format 1 → 2, a field added to the state class):
 * the checkpoints of the release before restore and go on; a newer release's do not restore into an
 * older one.
 */
class CompactStateFormatTest {

  /** State of a toy job: per key, a count; {@code note} came with format 2. */
  public static final class Tally {
    public long count;
    public String note;
  }

  /** Writes format 2 unless told to write 1 (as the release before did). */
  public static final class TallySerializer extends CompactStateSerializer<Tally> {
    private static final long serialVersionUID = 1L;
    private final int writes;

    public TallySerializer() {
      this(2);
    }

    TallySerializer(int writes) {
      this.writes = writes;
    }

    @Override
    public int format() {
      return writes;
    }

    @Override
    public CompactStateSerializer<Tally> forFormat(int format) {
      return format == 1 ? new TallySerializer(1) : super.forFormat(format);
    }

    @Override
    public Tally createInstance() {
      return new Tally();
    }

    @Override
    public Tally copy(Tally from) {
      return copyThroughBytes(from);
    }

    @Override
    public void serialize(Tally t, DataOutputView out) throws IOException {
      out.writeLong(t.count);
      if (writes >= 2) {
        CompactCodec.writeText(t.note, out);
      }
    }

    @Override
    public Tally deserialize(DataInputView in) throws IOException {
      Tally t = new Tally();
      t.count = in.readLong();
      if (writes >= 2) {
        t.note = CompactCodec.readText(in);
      }
      return t;
    }

    @Override
    protected CompactStateSnapshot<Tally> newSnapshot() {
      return new Snapshot();
    }

    public static final class Snapshot extends CompactStateSnapshot<Tally> {
      @Override
      protected CompactStateSerializer<Tally> current() {
        return new TallySerializer();
      }
    }
  }

  /** Counts each key's records; a record "note:x" also sets the note. */
  private static final class Counting extends KeyedProcessFunction<String, String, String> {
    private final CompactStateSerializer<Tally> serializer;
    private transient ValueState<Tally> tally;

    Counting(CompactStateSerializer<Tally> serializer) {
      this.serializer = serializer;
    }

    @Override
    public void open(OpenContext context) {
      tally = getRuntimeContext().getState(new ValueStateDescriptor<>("tally", serializer));
    }

    @Override
    public void processElement(String record, Context ctx, Collector<String> out) throws Exception {
      Tally t = tally.value() == null ? new Tally() : tally.value();
      t.count++;
      if (record.startsWith("note:")) {
        t.note = record.substring(5);
      }
      tally.update(t);
      out.collect(ctx.getCurrentKey() + "=" + t.count + (t.note == null ? "" : "/" + t.note));
    }
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, String, String> harness(
      CompactStateSerializer<Tally> serializer) throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new Counting(serializer)), r -> "k", Types.STRING);
  }

  private static List<String> feed(
      KeyedOneInputStreamOperatorTestHarness<String, String, String> h, String... records)
      throws Exception {
    for (String r : records) {
      h.processElement(r, 0);
    }
    return h.extractOutputValues();
  }

  @Test
  void stateOfTheFormatBeforeRestoresAndIsWrittenInTheNewOneFromTheNextCheckpoint()
      throws Exception {
    OperatorSubtaskState formatOne;
    try (var before = harness(new TallySerializer(1))) {
      before.open();
      assertThat(feed(before, "a", "b")).containsExactly("k=1", "k=2");
      formatOne = before.snapshot(1, 1);
    }
    OperatorSubtaskState formatTwo;
    try (var after = harness(new TallySerializer())) {
      after.initializeState(formatOne);
      after.open();
      assertThat(feed(after, "c", "note:vip")).containsExactly("k=3", "k=4/vip");
      formatTwo = after.snapshot(2, 2);
    }
    try (var again = harness(new TallySerializer())) {
      again.initializeState(formatTwo);
      again.open();
      assertThat(feed(again, "d")).containsExactly("k=5/vip");
    }
  }

  @Test
  void stateOfANewerFormatDoesNotRestoreIntoAnOlderRelease() throws Exception {
    OperatorSubtaskState formatTwo;
    try (var newer = harness(new TallySerializer())) {
      newer.open();
      feed(newer, "note:vip");
      formatTwo = newer.snapshot(1, 1);
    }
    try (var older = harness(new TallySerializer(1))) {
      assertThatThrownBy(
              () -> {
                older.initializeState(formatTwo);
                older.open();
              })
          .hasStackTraceContaining("incompatible");
    }
  }

  @Test
  void aSnapshotKeepsItsFormatAndOneWrittenBeforeFormatsHadNumbersIsFormatOne() throws Exception {
    TypeSerializerSnapshot<Tally> now = new TallySerializer().snapshotConfiguration();
    TypeSerializerSnapshot<Tally> released =
        StateMigration.asCheckpointed(new TallySerializer(1).snapshotConfiguration());
    assertThat(((CompactStateSnapshot<Tally>) released).format()).isEqualTo(1);
    assertThat(released.restoreSerializer()).isEqualTo(new TallySerializer(1));
    assertThat(now.resolveSchemaCompatibility(released).isCompatibleAfterMigration()).isTrue();
    assertThat(
            now.resolveSchemaCompatibility(StateMigration.asCheckpointed(now)).isCompatibleAsIs())
        .isTrue();

    // Snapshot version 1 (releases until 2026-12-04) wrote no bytes: its state is format 1.
    TallySerializer.Snapshot unversioned = new TallySerializer.Snapshot();
    unversioned.readSnapshot(
        1, new DataInputDeserializer(new byte[0]), getClass().getClassLoader());
    assertThat(unversioned.format()).isEqualTo(1);
    assertThat(now.resolveSchemaCompatibility(unversioned).isCompatibleAfterMigration()).isTrue();
  }

  @Test
  void aSerializerThatReadsOnlyItsOwnFormatSaysSo() {
    assertThatThrownBy(() -> new TallySerializer().forFormat(3))
        .hasMessageContaining("writes format 2 and cannot read state of its format 3");
  }
}
