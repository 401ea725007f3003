// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review.auth;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A console user: a role, the shops it may see, and for an agent the agent id its flags carry.
 *
 * @param agentId the agent this account is ({@code qa_flags.agent_id}); '' for other roles
 */
public record Account(
    String username, Role role, Set<String> shops, String agentId, boolean disabled) {

  public Account {
    shops = Set.copyOf(shops);
    if (role == Role.AGENT && agentId.isBlank()) {
      throw new IllegalArgumentException("an agent account needs its agent id");
    }
  }

  /** "shop-1,shop-2" → the set, blanks dropped. */
  public static Set<String> parseShops(String shops) {
    return Arrays.stream(shops.split(","))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  public String shopsText() {
    return shops.stream().sorted().collect(Collectors.joining(","));
  }
}
