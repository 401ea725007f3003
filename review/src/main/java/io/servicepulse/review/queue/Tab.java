// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review.queue;

import io.servicepulse.review.Words;

/** The queue's two tabs: what agents said to buyers, and buyers' abuse of agents. */
public enum Tab implements Words.Named {
  AGENT_MISCONDUCT("agent", "客服违规", "Agent misconduct"),
  BUYER_ABUSE("buyer", "买家辱骂客服", "Buyer abuse of agents");

  private final Words words;

  Tab(String id, String zh, String en) {
    this.words = new Words(id, zh, en);
  }

  @Override
  public Words words() {
    return words;
  }

  /** BUYER messages are abuse of the agent; AGENT and BOT messages are the shop's conduct. */
  public static Tab ofSenderRole(String senderRole) {
    return "BUYER".equals(senderRole) ? BUYER_ABUSE : AGENT_MISCONDUCT;
  }

  /** The tab of a URL parameter; the agent tab when absent or unknown. */
  public static Tab parse(String id) {
    return Words.find(values(), id).orElse(AGENT_MISCONDUCT);
  }
}
