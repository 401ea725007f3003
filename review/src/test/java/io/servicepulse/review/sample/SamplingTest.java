// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review.sample;

import static io.servicepulse.review.queue.QueueFixtures.item;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicepulse.review.queue.QueueItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SamplingTest {

  @Test
  void theWorstQuarterOfAgentsWithVolumeIsAbnormal() {
    List<AgentRate> rates =
        List.of(
            new AgentRate("s", "a1", 9, 10),
            new AgentRate("s", "a2", 1, 10),
            new AgentRate("s", "a3", 5, 10),
            new AgentRate("s", "a4", 6, 10),
            new AgentRate("s", "a5", 2, 10),
            new AgentRate("s", "idle", 0, 0));
    assertThat(Sampling.abnormal(rates, true))
        .extracting(AgentRate::agentId)
        .containsExactly("a2", "a5");
    assertThat(Sampling.abnormal(rates, false))
        .extracting(AgentRate::agentId)
        .containsExactly("a1", "a4");
    assertThat(Sampling.abnormal(List.of(), true)).isEmpty();
  }

  @Test
  void nPerChosenAgentAtRandomTheSameForOneSeed() {
    List<QueueItem> items = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      items.add(item("m" + i, 1, i, null)); // all agent-1 of shop-a
    }
    List<QueueItem> first = Sampling.sample(items, null, 5, 42);
    assertThat(first).hasSize(5).doesNotHaveDuplicates();
    assertThat(Sampling.sample(items, null, 5, 42)).isEqualTo(first);
    assertThat(Sampling.sample(items, null, 5, 43)).isNotEqualTo(first);
    assertThat(Sampling.sample(items, Set.of(Sampling.key("shop-a", "agent-9")), 5, 42)).isEmpty();
    assertThat(Sampling.sample(items, Set.of(Sampling.key("shop-a", "agent-1")), 50, 1))
        .hasSize(20);
  }
}
