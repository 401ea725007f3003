// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.inspect;

import com.github.houbb.opencc4j.util.ZhConverterUtil;
import com.ibm.icu.text.SpoofChecker;
import java.util.List;

/**
 * One-to-one character folding: full-width to half-width, lower case, traditional to simplified
 * Chinese (OpenCC's character table via opencc4j) and look-alikes of Latin letters from other
 * scripts to Latin (Unicode confusables, via ICU4J).
 *
 * <p>Folding char by char keeps every offset of the original text, and a 64k table makes it a
 * single array lookup per char. Phrase-level OpenCC conversion is not needed: the lexicon only
 * needs the characters to agree.
 */
final class CharFolder {
  private static final char[] TABLE = buildTable();

  private CharFolder() {}

  static char fold(char c) {
    return TABLE[c];
  }

  static String fold(String s) {
    char[] out = new char[s.length()];
    for (int i = 0; i < out.length; i++) {
      out[i] = TABLE[s.charAt(i)];
    }
    return new String(out);
  }

  private static char[] buildTable() {
    char[] table = new char[Character.MAX_VALUE + 1];
    for (int c = 0; c <= Character.MAX_VALUE; c++) {
      table[c] = basicFold((char) c);
    }
    foldTraditional(table, 0x3400, 0x4DBF);
    foldTraditional(table, 0x4E00, 0x9FFF);
    foldTraditional(table, 0xF900, 0xFAFF);
    foldConfusables(table);
    return table;
  }

  /**
   * Letters of other scripts drawn like a Latin letter (Cyrillic а, Greek ο, Cherokee Ꭺ, dotless ı,
   * long ſ) become that letter: Unicode's confusables via ICU's {@link SpoofChecker} skeleton (UTS
   * #39), kept when the skeleton is one ASCII letter so offsets stay one to one. CJK scripts are
   * left alone (〇 is not O); ASCII is never remapped (1, l and I stay apart).
   */
  private static void foldConfusables(char[] table) {
    SpoofChecker spoof = new SpoofChecker.Builder().build();
    for (int c = 0x80; c <= Character.MAX_VALUE; c++) {
      char ch = (char) c;
      if (Character.isSurrogate(ch) || !Character.isLetter(ch) || cjk(ch) || table[c] < 0x80) {
        continue;
      }
      String skeleton = spoof.getSkeleton(String.valueOf(ch));
      if (skeleton.length() == 1) {
        char latin = Character.toLowerCase(skeleton.charAt(0));
        if (latin >= 'a' && latin <= 'z') {
          table[c] = latin;
        }
      }
    }
  }

  private static boolean cjk(char ch) {
    Character.UnicodeScript script = Character.UnicodeScript.of(ch);
    return script == Character.UnicodeScript.HAN
        || script == Character.UnicodeScript.HIRAGANA
        || script == Character.UnicodeScript.KATAKANA
        || script == Character.UnicodeScript.HANGUL
        || script == Character.UnicodeScript.BOPOMOFO;
  }

  private static char basicFold(char c) {
    if (c >= '\uFF01' && c <= '\uFF5E') {
      c = (char) (c - 0xFEE0);
    } else if (c == '\u3000' || c == '\u00A0') {
      c = ' ';
    }
    if (Character.isSurrogate(c)) {
      return c;
    }
    char lower = Character.toLowerCase(c);
    return Character.charCount(lower) == 1 ? lower : c;
  }

  private static void foldTraditional(char[] table, int from, int to) {
    for (int c = from; c <= to; c++) {
      if (!ZhConverterUtil.isTraditional((char) c)) {
        continue;
      }
      List<String> simple = ZhConverterUtil.toSimple((char) c);
      if (simple != null && !simple.isEmpty() && simple.get(0).length() == 1) {
        table[c] = simple.get(0).charAt(0);
      }
    }
  }
}
