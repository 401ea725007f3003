// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.model;

/**
 * Hashed n-gram features of a message's compact text (the inspector's normalised text: folded,
 * lower case, evasions undone), for the abuse classifier.
 *
 * <ul>
 *   <li>character n-grams, n = 1..4, over the whole text (spaces included): for Chinese the bigrams
 *       serve as words, the trigrams and 4-grams as short phrases;
 *   <li>Latin word unigrams and bigrams (runs of a-z, 0-9 and apostrophes); a word right after '@'
 *       (a handle) or starting with "http" is skipped, and breaks the bigram chain.
 * </ul>
 *
 * <p>Each feature is hashed (FNV-1a per kind, then a murmur3 finaliser) into {@code 2^bits}
 * buckets; a feature's value is 1 per occurrence, and the score divides the weighted sum by the
 * square root of the number of features (length normalisation). No allocation per message.
 */
public final class FeatureHasher {
  /** Called once per feature occurrence with its bucket. */
  public interface Sink {
    void accept(int bucket);
  }

  public static final int MAX_NGRAM = 4;

  private static final int FNV_PRIME = 0x01000193;
  private static final int CHAR_SEED = 0x811C9DC5;
  private static final int WORD_SEED = 0x2545F491;
  private static final int BIGRAM_SEED = 0x9E3779B9;

  private final int bits;
  private final int mask;

  public FeatureHasher(int bits) {
    if (bits < 8 || bits > 24) {
      throw new IllegalArgumentException("bits must be 8..24, was " + bits);
    }
    this.bits = bits;
    this.mask = (1 << bits) - 1;
  }

  public int bits() {
    return bits;
  }

  public int buckets() {
    return mask + 1;
  }

  /** Feeds every feature's bucket to the sink; returns the number of features. */
  public int features(CharSequence text, Sink sink) {
    int n = text.length();
    int count = 0;
    for (int i = 0; i < n; i++) {
      int h = CHAR_SEED;
      int last = Math.min(n, i + MAX_NGRAM);
      for (int j = i; j < last; j++) {
        h = (h ^ text.charAt(j)) * FNV_PRIME;
        sink.accept(fmix(h) & mask);
        count++;
      }
    }
    int prev = 0;
    boolean hasPrev = false;
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (!isWordChar(c)) {
        i++;
        continue;
      }
      int b = i;
      int h = WORD_SEED;
      while (i < n && isWordChar(text.charAt(i))) {
        h = (h ^ text.charAt(i)) * FNV_PRIME;
        i++;
      }
      boolean skip = (b > 0 && text.charAt(b - 1) == '@') || startsWith(text, b, i, "http");
      if (skip) {
        hasPrev = false;
        continue;
      }
      sink.accept(fmix(h) & mask);
      count++;
      if (hasPrev) {
        sink.accept(fmix((prev * 31 + h) ^ BIGRAM_SEED) & mask);
        count++;
      }
      prev = h;
      hasPrev = true;
    }
    return count;
  }

  /** sum(weights[bucket]) / sqrt(features), or 0 for an empty text: the linear part of a score. */
  public double weightedSum(CharSequence text, float[] weights) {
    Sum sum = new Sum(weights);
    int count = features(text, sum);
    return count == 0 ? 0 : sum.total / Math.sqrt(count);
  }

  private static final class Sum implements Sink {
    private final float[] weights;
    private double total;

    Sum(float[] weights) {
      this.weights = weights;
    }

    @Override
    public void accept(int bucket) {
      total += weights[bucket];
    }
  }

  static boolean isWordChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '\'' || c == '’';
  }

  private static boolean startsWith(CharSequence s, int b, int e, String prefix) {
    if (e - b < prefix.length()) {
      return false;
    }
    for (int k = 0; k < prefix.length(); k++) {
      if (s.charAt(b + k) != prefix.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /** murmur3's 32-bit finaliser: spreads FNV's low bits over the whole word. */
  static int fmix(int h) {
    h ^= h >>> 16;
    h *= 0x85EBCA6B;
    h ^= h >>> 13;
    h *= 0xC2B2AE35;
    h ^= h >>> 16;
    return h;
  }
}
