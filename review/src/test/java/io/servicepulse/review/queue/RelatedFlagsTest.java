// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review.queue;

import static io.servicepulse.review.queue.QueueFixtures.buyerItem;
import static io.servicepulse.review.queue.QueueFixtures.item;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RelatedFlagsTest {

  @Test
  void theAgentsOtherMisconductAndTheBuyersOtherFlagsNewestFirst() {
    QueueItem focus = item("focus", 2, 50, null);
    QueueItem older = item("older", 1, 10, null);
    QueueItem newer = item("newer", 1, 90, null);
    QueueItem abuse = buyerItem("abuse", 2); // same agent and buyer, buyer tab
    RelatedFlags related = RelatedFlags.of(List.of(focus, older, newer, abuse), focus, 10);
    assertThat(related.ofAgent()).containsExactly(newer, older);
    assertThat(related.ofBuyer()).containsExactly(newer, older, abuse);
    assertThat(RelatedFlags.of(List.of(focus, older, newer), focus, 1).ofAgent())
        .containsExactly(newer);
  }
}
