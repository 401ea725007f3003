// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextNormalizerTest {
  private final TextNormalizer normalizer = new TextNormalizer();

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "傻*逼|傻逼",
        "傻 逼 客 服|傻逼客服",
        "傻.逼|傻逼",
        "神~经~病|神经病",
        "ＳＢ|sb",
        "ｆｕｃｋ this|fuck this",
        "你這個白癡|你这个白痴",
        "s h i t quality|shit quality",
        "f.u.c.k this|fuck this",
        "fuuuuck|fuck",
        "sh!t|shit",
        "a$$hole|asshole",
        "b1tch please|bitch please",
        "FUCK YOU|fuck you",
        "hello  world|hello world",
        "vx：shop8866|vx:shop8866",
        "加 V X 聊|加v x聊",
        "order 2024 ok|order 2024 ok",
        "iphone15|iphone15",
        "cool|cool",
        "傻\u200B逼|傻逼",
        "s\u200Bh\u200Bi\u200Bt|shit",
        "id\u00ADiot|idiot",
        "see bit.ly/x1 now|see \uFFFC now",
        "\u0456d\u0456\u043et|idiot",
        "\u0455h\u0456t|shit",
        "\u0391\u0405\u0405hole|asshole",
        "f\u057Dck|fuck",
        "\u0131d\u0131ot|idiot",
        "\u13A0\u13A1|dr",
        "二〇二四年|二〇二四年",
        "ｶﾀｶﾅ|ｶﾀｶﾅ",
        "#YouAreAnIdiot|#you are an idiot",
        "#IHateThisShop|#i hate this shop",
        "so #FuckThis!|so #fuck this!",
        "#youareanidiot|#youareanidiot",
        "learn C#Sharp|learn c#sharp",
        "#TBT sale|#tbt sale"
      })
  void undoesEvasions(String input, String compact) {
    assertThat(normalizer.normalize(input).compact()).isEqualTo(compact);
  }

  @Test
  void mapsCompactSpansBackToOriginalOffsets() {
    NormalizedText t = normalizer.normalize("你这个傻 * 逼!");
    int begin = t.compact().indexOf("傻逼");
    assertThat(t.original().substring(t.originalStart(begin), t.originalEnd(begin + 2)))
        .isEqualTo("傻 * 逼");

    NormalizedText repeated = normalizer.normalize("oh fuuuuck!");
    int f = repeated.compact().indexOf("fuck");
    assertThat(
            repeated.original().substring(repeated.originalStart(f), repeated.originalEnd(f + 4)))
        .isEqualTo("fuuuuck");
  }

  @Test
  void aHashtagsWordBreaksPointIntoTheOriginal() {
    NormalizedText t = normalizer.normalize("ok #YouAreAnIdiot!");
    int b = t.compact().indexOf("idiot");
    assertThat(t.original().substring(t.originalStart(b), t.originalEnd(b + 5))).isEqualTo("Idiot");
    int you = t.compact().indexOf("you are");
    assertThat(t.original().substring(t.originalStart(you), t.originalEnd(you + 7)))
        .isEqualTo("YouAre");
  }

  @Test
  void foldedTextKeepsTheOriginalLength() {
    String s = "ＡＢＣ１２３　傻逼 Hello";
    assertThat(normalizer.normalize(s).folded()).hasSameSizeAs(s).isEqualTo("abc123 傻逼 hello");
  }

  @Test
  void everyCharIsClassedAsUnicodeScriptsSay() {
    for (int c = 0; c <= Character.MAX_VALUE; c++) {
      char ch = (char) c;
      assertThat(TextNormalizer.isLatinLetter(ch))
          .as("Latin letter U+%04X", c)
          .isEqualTo(TextNormalizer.latinLetterByScript(ch));
      assertThat(TextNormalizer.isHan(ch))
          .as("Han U+%04X", c)
          .isEqualTo(TextNormalizer.hanByScript(ch));
    }
    assertThat(TextNormalizer.isLatinLetter('é')).isTrue();
    assertThat(TextNormalizer.isLatinLetter('A')).isFalse(); // folded text is lower case
    assertThat(TextNormalizer.isHan('傻')).isTrue();
    assertThat(TextNormalizer.isHan('の')).isFalse();
  }
}
