// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessTest {

  private static final Account REVIEWER = new Account("rev", Role.REVIEWER, Set.of("a"), "", false);
  private static final Account OTHER_REVIEWER =
      new Account("rev2", Role.REVIEWER, Set.of("a"), "", false);
  private static final Account LEAD =
      new Account("lead", Role.QA_LEAD, Set.of("a", "b"), "", false);
  private static final Account AGENT = new Account("ag", Role.AGENT, Set.of("a"), "agent-1", false);
  private static final Account MANAGER = new Account("mgr", Role.MANAGER, Set.of("a"), "", false);

  @Test
  void nobodySeesAnotherShop() {
    for (Account account : Set.of(REVIEWER, AGENT, MANAGER)) {
      assertThat(Access.canSee(account, "b", "agent-1")).as(account.username()).isFalse();
    }
    assertThat(Access.canSee(LEAD, "b", "agent-7")).isTrue();
  }

  @Test
  void anAgentSeesOnlyTheirOwnFlagsAndAppealsOnlyThose() {
    assertThat(Access.canSee(AGENT, "a", "agent-1")).isTrue();
    assertThat(Access.canSee(AGENT, "a", "agent-2")).isFalse();
    assertThat(Access.canSee(AGENT, "a", "")).isFalse();
    assertThat(Access.canAppeal(AGENT, "a", "agent-1")).isTrue();
    assertThat(Access.canAppeal(REVIEWER, "a", "agent-1")).isFalse();
    assertThat(Access.canJudge(AGENT, "a", "agent-1")).isFalse();
  }

  @Test
  void aManagerOnlyReads() {
    assertThat(Access.canSee(MANAGER, "a", "agent-2")).isTrue();
    assertThat(Access.canJudge(MANAGER, "a", "agent-2")).isFalse();
    assertThat(Access.canDecideAppeal(MANAGER, "a")).isFalse();
    assertThat(Access.canAssign(MANAGER, "a", REVIEWER)).isFalse();
  }

  @Test
  void onlyAQaLeadDecidesAppealsAndAssignsOthers() {
    assertThat(Access.canDecideAppeal(LEAD, "a")).isTrue();
    assertThat(Access.canDecideAppeal(REVIEWER, "a")).isFalse();
    assertThat(Access.canAssign(LEAD, "a", REVIEWER)).isTrue();
    assertThat(Access.canAssign(REVIEWER, "a", REVIEWER)).isTrue();
    assertThat(Access.canAssign(REVIEWER, "a", OTHER_REVIEWER)).isFalse();
    assertThat(Access.canAssign(LEAD, "a", AGENT)).as("agents do not review").isFalse();
    assertThat(Access.canAssign(LEAD, "b", REVIEWER)).as("assignee lacks the shop").isFalse();
  }

  @Test
  void aDisabledAccountSeesNothing() {
    Account disabled = new Account("old", Role.QA_LEAD, Set.of("a"), "", true);
    assertThat(Access.canSee(disabled, "a", "agent-1")).isFalse();
  }

  @Test
  void anAgentAccountNeedsAnAgentId() {
    assertThatThrownBy(() -> new Account("x", Role.AGENT, Set.of("a"), " ", false))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
