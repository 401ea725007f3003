// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review.queue;

/** One row of {@code qa_flags}: one rule that fired on one message. */
public record FlagRow(
    String messageId,
    String ruleId,
    String shopId,
    String teamId,
    String agentId,
    String buyerId,
    String conversationId,
    String senderRole,
    long tsMs,
    String category,
    int severity,
    int spanStart,
    int spanEnd,
    String matchedText,
    String maskedText,
    String inspectorVersion,
    String language) {}
