// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.inspect;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Phone numbers that belong to a business, not a person: toll-free numbers (NANP 800, 833, 844,
 * 855, 866, 877, 888; China's 400 and 800 service numbers) and the shop's own hotlines. An agent
 * giving them out is doing the job, not leaking personal data.
 */
final class BusinessNumbers {

  private static final Set<String> TOLL_FREE_PREFIXES =
      Set.of("800", "833", "844", "855", "866", "877", "888", "400");

  /** What may stand before the same national number: country codes, international prefixes. */
  private static final Set<String> PREFIXES = Set.of("", "1", "86", "0086", "001");

  private final List<String> hotlines = new ArrayList<>();

  /** {@code hotlines} in any format ("400-820-8820", "+86 138 0013 8000"); blanks ignored. */
  BusinessNumbers(Collection<String> hotlines) {
    for (String h : hotlines) {
      String digits = digits(h);
      if (!digits.isEmpty()) {
        this.hotlines.add(digits);
      }
    }
  }

  boolean contains(String phone) {
    String digits = digits(phone);
    if (digits.length() >= 10
        && TOLL_FREE_PREFIXES.contains(digits.substring(digits.length() - 10).substring(0, 3))
        && PREFIXES.contains(digits.substring(0, digits.length() - 10))) {
      return true;
    }
    for (String hotline : hotlines) {
      if (sameNumber(digits, hotline)) {
        return true;
      }
    }
    return false;
  }

  private static boolean sameNumber(String a, String b) {
    String longer = a.length() >= b.length() ? a : b;
    String shorter = longer == a ? b : a;
    return longer.endsWith(shorter)
        && PREFIXES.contains(longer.substring(0, longer.length() - shorter.length()));
  }

  private static String digits(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        out.append(c);
      } else if (c >= '０' && c <= '９') {
        out.append((char) (c - '０' + '0'));
      }
    }
    return out.toString();
  }
}
