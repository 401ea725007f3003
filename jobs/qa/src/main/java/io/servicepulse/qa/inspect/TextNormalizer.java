package io.servicepulse.qa.inspect;

/**
 * Undoes the evasions users type before anything is matched. Stateless and thread-safe; the lexicon
 * goes through the same steps so terms and text always agree.
 */
public final class TextNormalizer {
  /** Fillers people insert between the chars of a word. Sentence punctuation is not one. */
  private static final String FILLERS = "*·•~-_.+^`'\"#@$%&|/\\=＊・‧";

  private static final String SPELLING_SEPARATORS = " .-_,+~·";
  private static final String LEET_FROM = "013457$@!|";
  private static final String LEET_TO = "oieastsail";
  private static final int MAX_FILLER_RUN = 3;

  public NormalizedText normalize(String original) {
    String folded = CharFolder.fold(original);
    int n = folded.length();
    char[] c = folded.toCharArray();
    boolean[] drop = new boolean[n];
    mapLeet(c);
    mergeSpelledOut(c, drop);
    dropFillersAroundHan(c, drop);
    collapseWhitespace(c, drop);

    StringBuilder compact = new StringBuilder(n);
    int[] start = new int[n];
    int[] end = new int[n];
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (drop[i]) {
        continue;
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
      start[k] = i;
      end[k] = j;
      k++;
    }
    return new NormalizedText(original, folded, compact.toString(), trim(start, k), trim(end, k));
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
  private static void mapLeet(char[] c) {
    int i = 0;
    while (i < c.length) {
      if (!isChunkChar(c[i])) {
        i++;
        continue;
      }
      int j = i;
      while (j < c.length && isChunkChar(c[j])) {
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

  /** f.u.c.k, s h i t, V.X: single letters joined by separators become one word. */
  private static void mergeSpelledOut(char[] c, boolean[] drop) {
    int i = 0;
    while (i < c.length) {
      if (!isSingleLetter(c, i)) {
        i++;
        continue;
      }
      int groupEnd = i;
      int letters = 1;
      boolean spaceGap = false;
      int x = i + 1;
      while (true) {
        int gap = x;
        while (gap < c.length && gap - x < 2 && SPELLING_SEPARATORS.indexOf(c[gap]) >= 0) {
          gap++;
        }
        if (gap == x || gap >= c.length || !isSingleLetter(c, gap)) {
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
  private static void dropFillersAroundHan(char[] c, boolean[] drop) {
    int i = 0;
    while (i < c.length) {
      if (!isFiller(c[i])) {
        i++;
        continue;
      }
      int j = i;
      while (j < c.length && isFiller(c[j])) {
        j++;
      }
      if (i > 0 && j < c.length && j - i <= MAX_FILLER_RUN) {
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

  private static void collapseWhitespace(char[] c, boolean[] drop) {
    for (int i = 0; i < c.length; i++) {
      if (Character.isWhitespace(c[i])) {
        c[i] = ' ';
        if (i > 0 && c[i - 1] == ' ' && !drop[i - 1]) {
          drop[i] = true;
        }
      }
    }
  }

  private static boolean isSingleLetter(char[] c, int i) {
    return isLatinLetter(c[i])
        && (i == 0 || !isLatinOrDigit(c[i - 1]))
        && (i + 1 == c.length || !isLatinOrDigit(c[i + 1]));
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
    return (ch >= 'a' && ch <= 'z')
        || (ch > 0x7F
            && Character.isLetter(ch)
            && Character.UnicodeScript.of(ch) == Character.UnicodeScript.LATIN);
  }

  static boolean isLatinOrDigit(char ch) {
    return isLatinLetter(ch) || (ch >= '0' && ch <= '9');
  }

  static boolean isHan(char ch) {
    return ch >= 0x3400 && Character.UnicodeScript.of(ch) == Character.UnicodeScript.HAN;
  }
}
