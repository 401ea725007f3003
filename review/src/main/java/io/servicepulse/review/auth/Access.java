// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review.auth;

/**
 * Who may see and do what. Nobody sees a shop outside their account's shops; an agent sees only the
 * flags that carry their own agent id; a manager only reads.
 */
public final class Access {

  private Access() {}

  /** May {@code account} see the flagged message of {@code shopId} handled by {@code agentId}? */
  public static boolean canSee(Account account, String shopId, String agentId) {
    if (account.disabled() || !account.shops().contains(shopId)) {
      return false;
    }
    if (account.role() == Role.AGENT) {
      return account.agentId().equals(agentId);
    }
    return true;
  }

  /** May {@code account} record a verdict on that message? */
  public static boolean canJudge(Account account, String shopId, String agentId) {
    return account.role().judges() && canSee(account, shopId, agentId);
  }

  /** May {@code account} appeal a confirmed flag on that message? Only the agent it names. */
  public static boolean canAppeal(Account account, String shopId, String agentId) {
    return account.role() == Role.AGENT && canSee(account, shopId, agentId);
  }

  /** May {@code account} decide appeals in {@code shopId}? */
  public static boolean canDecideAppeal(Account account, String shopId) {
    return account.role().decidesAppeals() && canSee(account, shopId, "");
  }

  /**
   * May {@code account} assign a message of {@code shopId} to {@code assignee}? A QA lead assigns
   * to any reviewer or QA lead of that shop; a reviewer takes work for themself only.
   */
  public static boolean canAssign(Account account, String shopId, Account assignee) {
    if (!account.role().judges() || !canSee(account, shopId, "")) {
      return false;
    }
    if (!assignee.role().judges() || !canSee(assignee, shopId, "")) {
      return false;
    }
    return account.role() == Role.QA_LEAD || account.username().equals(assignee.username());
  }
}
