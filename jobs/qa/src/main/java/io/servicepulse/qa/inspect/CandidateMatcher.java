// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.inspect;

import com.hankcs.algorithm.AhoCorasickDoubleArrayTrie;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Stage 1: one Aho–Corasick pass (double-array trie) over the normalised text finds every term,
 * allow-list word and pattern trigger at once. Thread-safe after construction.
 */
final class CandidateMatcher {
  /** Everything the lexicon attaches to one normalised string. */
  private record Keyword(List<LexiconTerm> terms, boolean allow, List<PatternRule> triggers) {}

  record TermHit(LexiconTerm term, int begin, int end) {}

  /** What stage 1 found in one message. */
  record Hits(List<TermHit> terms, List<int[]> allowSpans, Set<PatternRule> triggered) {
    boolean insideAllowWord(int begin, int end) {
      for (int[] span : allowSpans) {
        if (span[0] <= begin && end <= span[1]) {
          return true;
        }
      }
      return false;
    }
  }

  private final AhoCorasickDoubleArrayTrie<Keyword> trie = new AhoCorasickDoubleArrayTrie<>();

  CandidateMatcher(Lexicon lexicon) {
    TreeMap<String, Keyword> keywords = new TreeMap<>();
    for (LexiconTerm term : lexicon.terms()) {
      keyword(keywords, term.surface()).terms().add(term);
    }
    for (String word : lexicon.allowWords()) {
      Keyword k = keyword(keywords, word);
      keywords.put(word, new Keyword(k.terms(), true, k.triggers()));
    }
    for (PatternRule rule : lexicon.patterns()) {
      for (String trigger : rule.triggers()) {
        keyword(keywords, trigger).triggers().add(rule);
      }
    }
    trie.build(keywords);
  }

  private static Keyword keyword(TreeMap<String, Keyword> keywords, String key) {
    return keywords.computeIfAbsent(
        key, k -> new Keyword(new ArrayList<>(), false, new ArrayList<>()));
  }

  Hits scan(String compact) {
    List<TermHit> terms = new ArrayList<>(2);
    List<int[]> allow = new ArrayList<>(1);
    Set<PatternRule> triggered = new LinkedHashSet<>();
    trie.parseText(
        compact,
        (begin, end, keyword) -> {
          for (LexiconTerm term : keyword.terms()) {
            terms.add(new TermHit(term, begin, end));
          }
          if (keyword.allow()) {
            allow.add(new int[] {begin, end});
          }
          triggered.addAll(keyword.triggers());
        });
    return new Hits(terms, allow, triggered);
  }
}
