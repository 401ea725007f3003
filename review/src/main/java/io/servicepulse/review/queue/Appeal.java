// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review.queue;

/** One row of {@code qa_appeals}: an agent's appeal (申诉) against a confirmed flag. */
public record Appeal(
    String appealId,
    String messageId,
    String shopId,
    String agentId,
    String filedBy,
    String reason,
    long filedMs) {}
