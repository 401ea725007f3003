// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review.conversation;

import java.math.BigDecimal;

/** One row of {@code orders}: one status change of one of the buyer's orders. */
public record OrderLine(
    String orderId,
    String status,
    BigDecimal amount,
    String currency,
    String refundReason,
    long tsMs) {}
