package io.servicepulse.qa.inspect;

import com.github.houbb.opencc4j.util.ZhConverterUtil;
import java.util.List;

/**
 * One-to-one character folding: full-width to half-width, lower case, traditional to simplified
 * Chinese (OpenCC's character table via opencc4j) and Cyrillic look-alikes to Latin.
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
    String cyrillic = "аеорсухіѕјАЕОРСХІЅЈ";
    String latin = "aeopcyxisjaeopcxisj";
    for (int i = 0; i < cyrillic.length(); i++) {
      table[cyrillic.charAt(i)] = latin.charAt(i);
    }
    return table;
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
