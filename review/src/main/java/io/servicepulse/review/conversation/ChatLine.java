// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review.conversation;

/** One row of {@code messages}: one chat message of the conversation. */
public record ChatLine(String eventId, String senderRole, String agentId, String text, long tsMs) {}
