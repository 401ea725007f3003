// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.inspect;

import java.util.List;

/**
 * Undoes the evasions users type before anything is matched: invisible chars removed, URLs, e-mails
 * and @handles masked ({@link TextMasker}), then the steps below. Stateless and thread-safe; the
 * lexicon goes through the same steps so terms and text always agree.
 */
public final class TextNormalizer {
  /** Fillers people insert between the chars of a word. Sentence punctuation is not one. */
  private static final String FILLERS = "*·•~-_.+^`'\"#@$%&|/\\=＊・‧";

  private static final String SPELLING_SEPARATORS = " .-_,+~·";
  private static final String LEET_FROM = "013457$@!|";
  private static final String LEET_TO = "oieastsail";
  private static final int MAX_FILLER_RUN = 3;

  /** Stands for a masked URL, e-mail or @handle: no word char, no filler, no separator. */
  static final char MASK = '\uFFFC';

  public NormalizedText normalize(String original) {
    String folded = CharFolder.fold(original);
    // Visible chars, each with its span in the folded (= original) text.
    int len = folded.length();
    char[] c = new char[len];
    int[] from = new int[len];
    int[] to = new int[len];
    int n = visibleChars(folded, c, from, to);
    boolean[] drop = new boolean[n];
    mapLeet(c, n);
    mergeSpelledOut(c, n, drop);
    dropFillersAroundHan(c, n, drop);
    collapseWhitespace(c, n, drop);
    boolean[] wordBreak = hashtagWordBreaks(original, c, n, from);

    int cap = n + (wordBreak == null ? 0 : countTrue(wordBreak));
    StringBuilder compact = new StringBuilder(cap);
    int[] start = new int[cap];
    int[] end = new int[cap];
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (drop[i]) {
        continue;
      }
      if (wordBreak != null && wordBreak[i]) {
        // A space that stands for nothing in the original: zero width, at the next word's start.
        compact.append(' ');
        start[k] = from[i];
        end[k] = from[i];
        k++;
      }
      int j = i + 1;
      if (isLatinLetter(c[i])) {
        // Collapse runs of 3+ of the same letter (fuuuuck, sooo), skipping dropped fillers.
        int run = i + 1;
        int count = 1;
        while (run < n && (drop[run] || c[run] == c[i])) {
          if (!drop[run]) {
            count++;
          }
          run++;
        }
        if (count >= 3) {
          j = run;
          while (j > i + 1 && drop[j - 1]) {
            j--;
          }
          for (int x = i + 1; x < j; x++) {
            drop[x] = true;
          }
        }
      }
      compact.append(c[i]);
      start[k] = from[i];
      end[k] = to[j - 1];
      k++;
    }
    return new NormalizedText(original, folded, compact.toString(), trim(start, k), trim(end, k));
  }

  /**
   * Copies the folded text without invisible chars, and with each URL, e-mail and @handle as one
   * {@link #MASK}; returns how many chars it wrote.
   */
  private static int visibleChars(String folded, char[] c, int[] from, int[] to) {
    List<int[]> masked = TextMasker.spans(folded);
    int next = 0;
    int n = 0;
    int i = 0;
    while (i < folded.length()) {
      if (next < masked.size() && masked.get(next)[0] == i) {
        c[n] = MASK;
        from[n] = i;
        to[n] = masked.get(next)[1];
        n++;
        i = masked.get(next++)[1];
        continue;
      }
      int cp = folded.codePointAt(i);
      int len = Character.charCount(cp);
      if (!InvisibleChars.is(cp)) {
        for (int x = i; x < i + len; x++) {
          c[n] = folded.charAt(x);
          from[n] = x;
          to[n] = x + 1;
          n++;
        }
      }
      i += len;
    }
    return n;
  }

  /** Normalises a lexicon term the same way as message text. */
  public String normalizeTerm(String term) {
    return normalize(term).compact();
  }

  private static int[] trim(int[] a, int len) {
    int[] out = new int[len];
    System.arraycopy(a, 0, out, 0, len);
    return out;
  }

  /** sh!t, a$$hole, b1tch: a leet char is a letter only with letters on both sides. */
  private static void mapLeet(char[] c, int n) {
    int i = 0;
    while (i < n) {
      if (!isChunkChar(c[i])) {
        i++;
        continue;
      }
      int j = i;
      while (j < n && isChunkChar(c[j])) {
        j++;
      }
      int firstLetter = -1;
      int lastLetter = -1;
      for (int x = i; x < j; x++) {
        if (isLatinLetter(c[x])) {
          lastLetter = x;
          if (firstLetter < 0) {
            firstLetter = x;
          }
        }
      }
      if (firstLetter >= 0) {
        for (int x = i; x < j; x++) {
          int leet = LEET_FROM.indexOf(c[x]);
          boolean inside = x > firstLetter && x < lastLetter;
          boolean leadingAt = c[x] == '@' && x == i && x + 1 < j && isLatinLetter(c[x + 1]);
          if (leet >= 0 && (inside || leadingAt)) {
            c[x] = LEET_TO.charAt(leet);
          }
        }
      }
      i = j;
    }
  }

  /**
   * #YouAreAnIdiot, #FuckThis: a hashtag's capitals start its words, so the compact text reads
   * "#you are an idiot". Breaks go before a capital that follows a small letter (You|Are) and
   * before the last capital of a run followed by a small letter (IHate → I|Hate); null when there
   * are none. An all-lower-case tag (#youareanidiot) has no marks to split on and stays one word.
   */
  private static boolean[] hashtagWordBreaks(String original, char[] c, int n, int[] from) {
    boolean[] breaks = null;
    for (int i = 0; i < n; i++) {
      if (c[i] != '#' || (i > 0 && isLatinOrDigit(c[i - 1]))) {
        continue;
      }
      int j = i + 1;
      while (j < n && isLatinLetter(c[j])) {
        if (j > i + 1 && Character.isUpperCase(original.charAt(from[j]))) {
          boolean afterSmall = Character.isLowerCase(original.charAt(from[j - 1]));
          boolean endsCapitalRun =
              j + 1 < n
                  && isLatinLetter(c[j + 1])
                  && Character.isLowerCase(original.charAt(from[j + 1]))
                  && Character.isUpperCase(original.charAt(from[j - 1]));
          if (afterSmall || endsCapitalRun) {
            breaks = breaks == null ? new boolean[n] : breaks;
            breaks[j] = true;
          }
        }
        j++;
      }
      i = j - 1;
    }
    return breaks;
  }

  private static int countTrue(boolean[] a) {
    int count = 0;
    for (boolean b : a) {
      count += b ? 1 : 0;
    }
    return count;
  }

  /** f.u.c.k, s h i t, V.X: single letters joined by separators become one word. */
  private static void mergeSpelledOut(char[] c, int n, boolean[] drop) {
    int i = 0;
    while (i < n) {
      if (!isSingleLetter(c, n, i)) {
        i++;
        continue;
      }
      int groupEnd = i;
      int letters = 1;
      boolean spaceGap = false;
      int x = i + 1;
      while (true) {
        int gap = x;
        while (gap < n && gap - x < 2 && SPELLING_SEPARATORS.indexOf(c[gap]) >= 0) {
          gap++;
        }
        if (gap == x || gap >= n || !isSingleLetter(c, n, gap)) {
          break;
        }
        for (int g = x; g < gap; g++) {
          spaceGap |= c[g] == ' ';
        }
        letters++;
        groupEnd = gap;
        x = gap + 1;
      }
      if (letters >= 3 || (letters == 2 && !spaceGap)) {
        for (int g = i; g <= groupEnd; g++) {
          if (!isLatinLetter(c[g])) {
            drop[g] = true;
          }
        }
      }
      i = groupEnd + 1;
    }
  }

  /** 傻*逼, 傻 逼, 加 v 信: fillers with a Han char on at least one side are dropped. */
  private static void dropFillersAroundHan(char[] c, int n, boolean[] drop) {
    int i = 0;
    while (i < n) {
      if (!isFiller(c[i])) {
        i++;
        continue;
      }
      int j = i;
      while (j < n && isFiller(c[j])) {
        j++;
      }
      if (i > 0 && j < n && j - i <= MAX_FILLER_RUN) {
        char before = c[i - 1];
        char after = c[j];
        boolean han = isHan(before) || isHan(after);
        if (han && isWordChar(before) && isWordChar(after)) {
          for (int x = i; x < j; x++) {
            drop[x] = true;
          }
        }
      }
      i = j;
    }
  }

  private static void collapseWhitespace(char[] c, int n, boolean[] drop) {
    for (int i = 0; i < n; i++) {
      if (Character.isWhitespace(c[i])) {
        c[i] = ' ';
        if (i > 0 && c[i - 1] == ' ' && !drop[i - 1]) {
          drop[i] = true;
        }
      }
    }
  }

  private static boolean isSingleLetter(char[] c, int n, int i) {
    return isLatinLetter(c[i])
        && (i == 0 || !isLatinOrDigit(c[i - 1]))
        && (i + 1 == n || !isLatinOrDigit(c[i + 1]));
  }

  private static boolean isFiller(char ch) {
    return Character.isWhitespace(ch) || FILLERS.indexOf(ch) >= 0;
  }

  private static boolean isChunkChar(char ch) {
    return isLatinOrDigit(ch) || LEET_FROM.indexOf(ch) >= 0 || ch == '*';
  }

  private static boolean isWordChar(char ch) {
    return isHan(ch) || isLatinOrDigit(ch);
  }

  static boolean isLatinLetter(char ch) {
    return (SCRIPT[ch] & LATIN_LETTER) != 0;
  }

  static boolean isLatinOrDigit(char ch) {
    return isLatinLetter(ch) || (ch >= '0' && ch <= '9');
  }

  static boolean isHan(char ch) {
    return (SCRIPT[ch] & HAN) != 0;
  }

  private static final byte LATIN_LETTER = 1;
  private static final byte HAN = 2;

  /**
   * Each char's class, worked out once: {@link Character.UnicodeScript#of} is a binary search, and
   * it ran for every char of every message (a sixth of the inspector's time, JFR).
   */
  private static final byte[] SCRIPT = scriptTable();

  private static byte[] scriptTable() {
    byte[] table = new byte[Character.MAX_VALUE + 1];
    for (int c = 0; c <= Character.MAX_VALUE; c++) {
      table[c] =
          (byte)
              ((latinLetterByScript((char) c) ? LATIN_LETTER : 0)
                  | (hanByScript((char) c) ? HAN : 0));
    }
    return table;
  }

  static boolean latinLetterByScript(char ch) {
    return (ch >= 'a' && ch <= 'z')
        || (ch > 0x7F
            && Character.isLetter(ch)
            && Character.UnicodeScript.of(ch) == Character.UnicodeScript.LATIN);
  }

  static boolean hanByScript(char ch) {
    return ch >= 0x3400 && Character.UnicodeScript.of(ch) == Character.UnicodeScript.HAN;
  }
}
