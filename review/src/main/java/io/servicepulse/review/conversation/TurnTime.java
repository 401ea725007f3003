// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review.conversation;

/**
 * One row of {@code turns}: the buyer turn opened by message {@code turnId}, and how long the
 * answer took ({@code responseMs} -1 if unanswered).
 */
public record TurnTime(String turnId, String agentId, long responseMs, boolean answered) {}
