// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.inspect;

import java.util.List;

/** Stage 2's view of a text as words; {@link CoreNlpAnalyzer} is the real one. */
public interface WordAnalyzer {
  /** Chinese word segmentation; offsets are into {@code text}. */
  List<Token> segment(String text);

  /** English tokens with lower-case lemmas; offsets are into {@code text}. */
  List<Token> lemmatize(String text);
}
