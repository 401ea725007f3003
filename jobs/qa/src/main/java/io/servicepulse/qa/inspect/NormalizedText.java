// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.inspect;

/**
 * The text the matchers see, with a map back to the original.
 *
 * <p>{@code compact} is folded ({@link CharFolder}) with evasions undone: separators inside words
 * dropped (傻*逼, f.u.c.k, s h i t), leetspeak inside Latin words mapped (sh!t, a$$hole), runs of 3+
 * equal Latin letters collapsed (fuuuck), a hashtag's words split at its capitals (#YouAreAnIdiot
 * reads "#you are an idiot"). Compact char {@code i} came from original chars {@code [start[i],
 * end[i])}; a space inserted between a hashtag's words came from none (start = end).
 */
public final class NormalizedText {
  private final String original;
  private final String folded;
  private final String compact;
  private final int[] start;
  private final int[] end;

  NormalizedText(String original, String folded, String compact, int[] start, int[] end) {
    this.original = original;
    this.folded = folded;
    this.compact = compact;
    this.start = start;
    this.end = end;
  }

  public String original() {
    return original;
  }

  /** Same length and offsets as the original: width, case and script folded only. */
  public String folded() {
    return folded;
  }

  public String compact() {
    return compact;
  }

  /** Original offset of the compact span's first char. */
  public int originalStart(int compactStart) {
    return start[compactStart];
  }

  /** Original offset after the compact span's last char. */
  public int originalEnd(int compactEnd) {
    return end[compactEnd - 1];
  }
}
