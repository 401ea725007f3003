// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.inspect;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;

/**
 * Chars that render as nothing (U+200B, U+200D, U+2060, U+FEFF, soft hyphen, variation selectors,
 * tag chars…): typed inside a word they hide it (傻\u200B逼, id\u200Biot), so they are removed before
 * matching rather than read as separators. Unicode's Default_Ignorable_Code_Point (via ICU, newer
 * than the JDK's tables) plus format chars (Cf).
 */
final class InvisibleChars {
  private static final boolean[] BMP = buildTable();

  private InvisibleChars() {}

  static boolean is(int codePoint) {
    return codePoint <= Character.MAX_VALUE ? BMP[codePoint] : ignorable(codePoint);
  }

  private static boolean ignorable(int cp) {
    return UCharacter.hasBinaryProperty(cp, UProperty.DEFAULT_IGNORABLE_CODE_POINT)
        || UCharacter.getType(cp) == UCharacter.FORMAT;
  }

  private static boolean[] buildTable() {
    boolean[] table = new boolean[Character.MAX_VALUE + 1];
    for (int c = 0; c <= Character.MAX_VALUE; c++) {
      table[c] = !Character.isSurrogate((char) c) && ignorable(c);
    }
    return table;
  }
}
