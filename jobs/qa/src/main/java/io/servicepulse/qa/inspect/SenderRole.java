// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.inspect;

/** Who wrote a message, as ChatMessage.sender_role says. */
public enum SenderRole {
  /** A human agent: every category is checked. */
  AGENT,
  /**
   * A buyer: only abuse of the agent (profanity, insult, threat, discrimination). A buyer typing
   * their own phone number or asking for a WeChat id is not the shop's violation.
   */
  BUYER,
  /** Auto-replies speak for the shop, so they are checked like an agent. */
  BOT,
  /** Platform notices: not inspected. */
  SYSTEM;

  boolean inspects(Category category) {
    return switch (this) {
      case AGENT, BOT -> true;
      case BUYER -> category.isAbuse();
      case SYSTEM -> false;
    };
  }
}
