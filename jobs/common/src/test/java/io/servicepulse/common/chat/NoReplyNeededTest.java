// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class NoReplyNeededTest {

  private final NoReplyNeeded defaults = NoReplyNeeded.of(NoReplyNeeded.ACKNOWLEDGEMENTS);

  @Test
  void acknowledgementsNeedNoReplyQuestionsDo() {
    for (String ack : List.of("好的", "好的，谢谢亲！", " ＯＫ ", "ok thanks!", "👍👍", "Thank you", "嗯嗯")) {
      assertThat(defaults.test(ack)).as(ack).isTrue();
    }
    for (String ask : List.of("?", "好的，什么时候发货", "在吗", "", "   ", "谢谢，能便宜点吗")) {
      assertThat(defaults.test(ask)).as(ask).isFalse();
    }
    assertThat(NoReplyNeeded.of("").test("好的")).isFalse();
  }

  @Test
  void theFirstCharacterShortcutAgreesWithTheWholeRegex() {
    // The shortcut skips the regex when no match can begin with the text's first character; on
    // random mixes of acknowledgement words and other text it must answer as the regex does.
    List<String> parts =
        List.of(
            "好的", "谢谢", "亲", "ok", "OK", "Thanks", "👍", "，", "！", "?", "在吗", "发货", "退款", "a",
            "ｔｈａｎｋｓ", " ", "\t", "嗯", "哦", "cool", "什么", "😡", "fine", "x");
    List<String> regexes =
        List.of(NoReplyNeeded.ACKNOWLEDGEMENTS, ".*广告.*", "(?!好).*", "[a-z]+", "(?:亲|ok)+\\s*谢谢");
    Random random = new Random(7);
    int agreeingTrue = 0;
    for (String regex : regexes) {
      NoReplyNeeded rule = NoReplyNeeded.of(regex);
      Pattern plain = Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
      for (int i = 0; i < 20_000; i++) {
        StringBuilder text = new StringBuilder();
        for (int n = 1 + random.nextInt(4); n > 0; n--) {
          text.append(parts.get(random.nextInt(parts.size())));
        }
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).strip();
        boolean expected = !folded.isEmpty() && plain.matcher(folded).matches();
        assertThat(rule.test(text.toString())).as("%s on %s", regex, text).isEqualTo(expected);
        agreeingTrue += expected ? 1 : 0;
      }
    }
    assertThat(agreeingTrue).as("texts that need no reply among the samples").isGreaterThan(5_000);
  }
}
