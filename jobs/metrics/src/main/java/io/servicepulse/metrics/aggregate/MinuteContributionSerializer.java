// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.metrics.aggregate;

import static io.servicepulse.common.flink.CompactCodec.readSigned;
import static io.servicepulse.common.flink.CompactCodec.readText;
import static io.servicepulse.common.flink.CompactCodec.writeSigned;
import static io.servicepulse.common.flink.CompactCodec.writeText;

import io.servicepulse.common.flink.CompactRecordTypeInfo;
import io.servicepulse.common.flink.CompactStateSerializer;
import io.servicepulse.common.flink.CompactStateSnapshot;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A minute-row contribution on its way to the aggregator, field by field: the sums as the
 * aggregator's state writes them (only the non-zero ones), no reflection. Lossless.
 */
public final class MinuteContributionSerializer extends CompactStateSerializer<MinuteContribution> {

  private static final long serialVersionUID = 1L;

  /** The type of a stream of contributions. */
  public static final TypeInformation<MinuteContribution> TYPE =
      CompactRecordTypeInfo.of(MinuteContribution.class, MinuteContributionSerializer::new);

  @Override
  public MinuteContribution createInstance() {
    return new MinuteContribution();
  }

  @Override
  public MinuteContribution copy(MinuteContribution from) {
    // Not MinuteContribution.copy(): that one normalizes ids and the minute.
    return copyThroughBytes(from);
  }

  @Override
  public void serialize(MinuteContribution c, DataOutputView out) throws IOException {
    writeText(c.id, out);
    writeText(c.shopId, out);
    writeText(c.teamId, out);
    writeText(c.agentId, out);
    writeSigned(c.minuteMs, out);
    MinuteAggregatorSerializer.writeSums(c.values, out);
    // A delta wraps around exactly, so any value comes back.
    writeSigned(c.finalAtMs - c.minuteMs, out);
    out.writeBoolean(c.retracted);
  }

  @Override
  public MinuteContribution deserialize(DataInputView in) throws IOException {
    MinuteContribution c = new MinuteContribution();
    c.id = readText(in);
    c.shopId = readText(in);
    c.teamId = readText(in);
    c.agentId = readText(in);
    c.minuteMs = readSigned(in);
    c.values = MinuteAggregatorSerializer.readSums(in);
    c.finalAtMs = c.minuteMs + readSigned(in);
    c.retracted = in.readBoolean();
    return c;
  }

  @Override
  protected CompactStateSnapshot<MinuteContribution> newSnapshot() {
    return new Snapshot();
  }

  /** Records only, never in a checkpoint; a snapshot all the same, as Flink asks for one. */
  public static final class Snapshot extends CompactStateSnapshot<MinuteContribution> {

    @Override
    protected CompactStateSerializer<MinuteContribution> current() {
      return new MinuteContributionSerializer();
    }
  }
}
