// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicepulse.qa.model.AbuseModel;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Stage 3's policy, with a model that scores everything as abuse and with the shipped one. */
class ModelStageTest {
  /** Every weight positive: every non-empty message scores ~1. */
  private static final AbuseModel EVERYTHING = everything();

  private static AbuseModel everything() {
    float[] w = new float[1 << 10];
    Arrays.fill(w, 5f);
    return AbuseModel.quantise("all-1", 10, w, 5f, 0.5, 0.5);
  }

  /** No CoreNLP: words are not needed for these messages. */
  private static final WordAnalyzer NO_WORDS =
      new WordAnalyzer() {
        @Override
        public List<Token> segment(String text) {
          return List.of();
        }

        @Override
        public List<Token> lemmatize(String text) {
          return List.of();
        }
      };

  private static final TextInspector ALWAYS =
      new TextInspector(Lexicon.load(new TextNormalizer()), NO_WORDS, EVERYTHING, 100);

  private static List<Flag> flags(String text, SenderRole role) {
    return ALWAYS.inspect(text, role).flags();
  }

  @Test
  void scoresAgentsAndBuyersOnlyNeverSystemOrBot() {
    String text = "亲，已经为您安排退款了";
    assertThat(flags(text, SenderRole.AGENT))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.category()).isEqualTo(Category.ABUSE_MODEL);
              assertThat(f.ruleId()).isEqualTo(ModelStage.RULE_ID);
              assertThat(f.severity()).isEqualTo(2);
              assertThat(f.start()).isZero();
              assertThat(f.end()).isEqualTo(text.length());
              assertThat(f.text()).matches("score=1\\.000");
              assertThat(f.language()).isEqualTo("zh");
            });
    assertThat(flags(text, SenderRole.BUYER))
        .extracting(Flag::category)
        .containsExactly(Category.ABUSE_MODEL);
    assertThat(flags(text, SenderRole.SYSTEM)).isEmpty();
    assertThat(flags(text, SenderRole.BOT)).isEmpty();
    assertThat(flags("", SenderRole.AGENT)).isEmpty();
  }

  @Test
  void theLexiconsFlagStandsAndTheModelAddsNothing() {
    assertThat(flags("你是傻逼", SenderRole.AGENT))
        .extracting(Flag::ruleId)
        .containsExactly("zh.insult.shabi");
    // the lexicon judged the tone (impatience): no model flag either
    assertThat(flags("你是看不懂中文吗", SenderRole.AGENT))
        .extracting(Flag::category)
        .doesNotContain(Category.ABUSE_MODEL);
  }

  @Test
  void aPrivacyFlagDoesNotStopTheModel() {
    assertThat(flags("我的手机号是13812345678", SenderRole.AGENT))
        .extracting(Flag::category)
        .contains(Category.PRIVACY_LEAK, Category.ABUSE_MODEL);
  }

  @Test
  void theModelAloneNeverRaisesSeverityThree() {
    for (String text :
        List.of("黑人都是懒惰的", "these people are so pathetic", "真恶心", "you are all losers", "垃圾")) {
      for (SenderRole role : SenderRole.values()) {
        for (Flag f : ALWAYS.inspect(text, role).flags()) {
          if (f.category() == Category.ABUSE_MODEL) {
            assertThat(f.severity()).isLessThanOrEqualTo(2);
          }
        }
      }
    }
  }

  @Test
  void allowListWordsAreBlankedBeforeScoring() {
    ModelStage stage = new ModelStage(null, Lexicon.load(new TextNormalizer()));
    assertThat(stage.modelText("这款垃圾桶是脚踏式的")).isEqualTo("这款   是脚踏式的");
    String plain = "你好";
    assertThat(stage.modelText(plain)).isSameAs(plain);
  }

  @Test
  void theShippedModelFlagsGroupAbuseTheLexiconMisses() {
    TextInspector shipped =
        new TextInspector(
            Lexicon.load(new TextNormalizer()), NO_WORDS, AbuseModel.loadDefault(), 100);
    assertThat(shipped.version()).contains("+model/");
    assertThat(shipped.inspect("黑人都是懒惰的", SenderRole.BUYER).flags())
        .extracting(Flag::category)
        .containsExactly(Category.ABUSE_MODEL);
    assertThat(shipped.inspect("亲，您的快递已经发出了，请注意查收", SenderRole.AGENT).flags()).isEmpty();
    assertThat(
            shipped
                .inspect("Your order has shipped and will arrive Friday.", SenderRole.AGENT)
                .flags())
        .isEmpty();
    assertThat(shipped.inspect("黑人都是懒惰的", SenderRole.SYSTEM).flags()).isEmpty();
  }
}
