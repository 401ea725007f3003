// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review.conversation;

/** A piece of a message's text, marked if a flag's span covers it. */
public record Segment(String text, boolean marked) {}
