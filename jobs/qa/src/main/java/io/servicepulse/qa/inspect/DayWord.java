// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.inspect;

/**
 * 日 as "day" (15日, 明日, 周日, 生日, 改日) is a date, not the verb of 日你妈: "延迟到15日你看可以吗" and "明日你再来" are no
 * profanity.
 */
final class DayWord {
  private static final String NUMERALS = "〇零一二三四五六七八九十廿卅两";

  /** Chars that make a word with a following 日: 今日, 次日, 星期日, 节假日, 工作日, 纪念日… */
  private static final String DAY_WORD_STARTS = "今明昨前后次每当翌隔某周期末生节假近即终数多几往昔改择同本半整平元作念";

  private DayWord() {}

  /** The 日 at {@code at} closes a day word. */
  static boolean at(String compact, int at) {
    if (at == 0 || compact.charAt(at) != '日') {
      return false;
    }
    char before = compact.charAt(at - 1);
    return (before >= '0' && before <= '9')
        || NUMERALS.indexOf(before) >= 0
        || DAY_WORD_STARTS.indexOf(before) >= 0;
  }
}
