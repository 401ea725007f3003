// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.metrics.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicepulse.metrics.turn.ConversationFact;
import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AgentMessageSumsTest {

  private static final long MINUTE = 1_800_000_000_000L / 60_000 * 60_000;

  private OneInputStreamOperatorTestHarness<MinuteContribution, MinuteContribution> harness;

  @BeforeEach
  void open() throws Exception {
    harness = new OneInputStreamOperatorTestHarness<>(new AgentMessageSums());
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private void agentSays(String id, String agent, long ts) throws Exception {
    harness.processElement(
        new StreamRecord<>(MinuteContribution.ofAgentMessage(id, "shop-1", "team-a", agent, ts)));
  }

  private List<MinuteContribution> output() {
    return harness.extractOutputValues();
  }

  @Test
  void aRowGetsOneSumOfItsAgentMessagesBeforeTheNextWatermark() throws Exception {
    agentSays("m1", "a", MINUTE + 1_000);
    agentSays("m2", "a", MINUTE + 2_000);
    agentSays("m3", "a", MINUTE + 61_000);
    agentSays("m4", "b", MINUTE + 3_000);
    assertThat(output()).isEmpty();

    harness.processWatermark(new Watermark(MINUTE + 5_000));

    List<Object> out = List.copyOf(harness.getOutput());
    assertThat(out).hasSize(4);
    assertThat(out.get(3)).isEqualTo(new Watermark(MINUTE + 5_000));
    assertThat(output())
        .extracting(c -> c.agentId + "@" + (c.minuteMs - MINUTE) + "=" + c.values.agentMessages)
        .containsExactlyInAnyOrder("a@0=2", "a@60000=1", "b@0=1");
  }

  @Test
  void otherItemsPassAtOnceAndNothingIsHeldInACheckpoint() throws Exception {
    ConversationFact conversation = new ConversationFact();
    conversation.conversationId = "c1";
    conversation.shopId = "shop-1";
    conversation.agentId = "a";
    conversation.firstTurnStartMs = MINUTE;
    conversation.finalAtMs = MINUTE + 600_000;
    harness.processElement(
        new StreamRecord<>(MinuteContribution.ofConversation(conversation, false)));
    agentSays("m1", "a", MINUTE + 1_000);
    assertThat(output()).extracting(c -> c.id).containsExactly("c:c1");

    harness.prepareSnapshotPreBarrier(1);

    assertThat(output()).extracting(c -> c.id).containsExactly("c:c1", "m:m1");
  }

  @Test
  void anIdleInputSendsItsSumsWithinTheFlushInterval() throws Exception {
    agentSays("m1", "a", MINUTE + 1_000);
    harness.setProcessingTime(AgentMessageSums.FLUSH_MS);
    assertThat(output()).extracting(c -> c.values.agentMessages).containsExactly(1L);
  }
}
