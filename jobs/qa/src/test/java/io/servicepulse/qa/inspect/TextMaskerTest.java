// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextMaskerTest {

  private static List<String> masked(String folded) {
    return TextMasker.spans(folded).stream().map(s -> folded.substring(s[0], s[1])).toList();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "track it at https://bit.ly/gtfo123.|https://bit.ly/gtfo123",
        "物流看这里t.cn/wx12345傻|t.cn/wx12345",
        "see www.example.com/a?b=1, thanks|www.example.com/a?b=1",
        "open taobao.com now|taobao.com",
        "chat: wa.me/8613800000000|wa.me/8613800000000",
        "mail jb.smith@shop.co.uk today|jb.smith@shop.co.uk",
        "cc @sb_official please|@sb_official",
        "ask (@jb) first|@jb",
      })
  void masksLinksMailsAndHandles(String folded, String expected) {
    assertThat(masked(folded)).containsExactly(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "f.u.c.k.me",
        "s.h.i.t",
        "i.e. the same",
        "version 2.0 ok",
        "see me.to you",
        "加我微信 abc12345",
        "a @ b",
        "傻逼",
      })
  void leavesSpellingsAndPlainTextAlone(String folded) {
    assertThat(masked(folded)).isEmpty();
  }
}
