// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.inspect;

/** How strictly a lexicon entry must match; see terms.tsv and patterns.tsv. */
enum MatchMode {
  /** Anywhere: unambiguous strings. */
  ANY,
  /** A whole word: Chinese by CoreNLP segmentation, Latin by token boundaries and lemma. */
  WORD,
  /** Anywhere, unless a refusal precedes it ("平台不允许加微信"). */
  SOLICIT;

  static MatchMode parse(String s) {
    return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
  }
}
