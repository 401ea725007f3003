// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Behaviour beyond categories: spans, severity, masking, roles, cache, threads. */
class TextInspectorTest {
  private static TextInspector inspector;

  @BeforeAll
  static void load() {
    inspector = SharedInspector.get();
  }

  private static Flag only(String text, SenderRole role) {
    List<Flag> flags = inspector.inspect(text, role).flags();
    assertThat(flags).as(text).hasSize(1);
    return flags.get(0);
  }

  @Test
  void spanAndTextPointIntoTheOriginalMessage() {
    String text = "亲，你这个傻 * 逼，看清楚";
    Flag f = only(text, SenderRole.AGENT);
    assertThat(f.text()).isEqualTo("傻 * 逼");
    assertThat(text.substring(f.start(), f.end())).isEqualTo("傻 * 逼");
    assertThat(f.ruleId()).isEqualTo("zh.insult.shabi");
    assertThat(f.language()).isEqualTo("zh");
  }

  @Test
  void negationLowersSeverityButKeepsTheFlag() {
    Flag plain = only("你是骗子", SenderRole.AGENT);
    Flag negated = only("我没有说你是骗子", SenderRole.AGENT);
    assertThat(negated.category()).isEqualTo(Category.INSULT);
    assertThat(negated.mitigation()).isEqualTo(Mitigation.NEGATED);
    assertThat(negated.severity()).isEqualTo(plain.severity() - 1);

    Flag english = only("I didn't call you an idiot", SenderRole.AGENT);
    assertThat(english.mitigation()).isEqualTo(Mitigation.NEGATED);
    assertThat(english.severity()).isEqualTo(1);
  }

  @Test
  void rhetoricalQuestionsAndThreatsAreNotNegations() {
    assertThat(only("你是不是有病", SenderRole.AGENT).mitigation()).isEqualTo(Mitigation.NONE);
    assertThat(only("不买就滚", SenderRole.AGENT).mitigation()).isEqualTo(Mitigation.NONE);
  }

  @Test
  void quotingTheBuyerLowersSeverity() {
    Flag quoted = only("您说的“垃圾客服”我们已经记录了", SenderRole.AGENT);
    assertThat(quoted.mitigation()).isEqualTo(Mitigation.QUOTED);
    assertThat(quoted.severity()).isEqualTo(1);
    assertThat(only("You called me an idiot, but I'm happy to help", SenderRole.AGENT).mitigation())
        .isEqualTo(Mitigation.QUOTED);
  }

  @Test
  void agentPhoneNumbersAreFlaggedAndMasked() {
    InspectionResult r = inspector.inspect("有问题打我电话138-1234-5678", SenderRole.AGENT);
    assertThat(r.flags()).extracting(Flag::category).containsExactly(Category.PRIVACY_LEAK);
    assertThat(r.maskedText()).isEqualTo("有问题打我电话138-****-5678");
  }

  @Test
  void buyerMessagesAreCheckedForAbuseOnlyButStillMasked() {
    InspectionResult r = inspector.inspect("我的电话13912345678，加你微信可以吗", SenderRole.BUYER);
    assertThat(r.flags()).isEmpty();
    assertThat(r.maskedText()).isEqualTo("我的电话139****5678，加你微信可以吗");
    assertThat(only("垃圾客服，退钱", SenderRole.BUYER).category()).isEqualTo(Category.INSULT);
  }

  @Test
  void addressesAreMaskedButTheShopsReturnAddressIsNotALeak() {
    InspectionResult leak = inspector.inspect("您的地址是上海市浦东新区张江路123号5栋201室对吗", SenderRole.AGENT);
    assertThat(leak.flags()).extracting(Flag::category).containsExactly(Category.PRIVACY_LEAK);
    assertThat(leak.maskedText()).doesNotContain("123号").startsWith("您的地址是上海市");
    assertThat(inspector.inspect("退货地址：浙江省杭州市余杭区文一西路88号", SenderRole.AGENT).flags()).isEmpty();
  }

  @Test
  void systemMessagesAreNotInspected() {
    assertThat(inspector.inspect("傻逼", SenderRole.SYSTEM).flags()).isEmpty();
  }

  @Test
  void everyResultCarriesTheInspectorAndLexiconVersion() {
    InspectionResult r = inspector.inspect("你好", SenderRole.AGENT);
    assertThat(r.inspectorVersion())
        .startsWith("qa-inspector/" + TextInspector.INSPECTOR_VERSION)
        .contains("+lexicon/" + inspector.lexicon().version());
  }

  @Test
  void oneFlagPerRuleIdAsTheSinkKeysOnIt() {
    List<Flag> flags = inspector.inspect("傻逼，傻逼，真是傻逼", SenderRole.BUYER).flags();
    assertThat(flags).extracting(Flag::ruleId).containsExactly("zh.insult.shabi");
  }

  @Test
  void cachedStage2ResultsMapToEachMessagesOwnOffsets() {
    Flag first = only("你就是个白痴客服", SenderRole.AGENT);
    Flag second = only("你就是个白 痴客服", SenderRole.AGENT);
    assertThat(first.text()).isEqualTo("白痴");
    assertThat(second.text()).isEqualTo("白 痴");
    assertThat(second.end()).isEqualTo(first.end() + 1);
  }

  @Test
  void oneInspectorServesSeveralThreadsWithIdenticalResults() throws Exception {
    List<String> texts =
        List.of(
            "你就是个白痴客服", "垃圾袋放门口", "you fucking idiots", "这个宝贝不是骗子卖的", "滚筒洗衣机", "bitches be crazy");
    List<List<Flag>> expected =
        texts.stream().map(t -> inspector.inspect(t, SenderRole.AGENT).flags()).toList();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<List<List<Flag>>>> runs =
          List.of(
              pool.submit(
                  () ->
                      texts.stream()
                          .map(t -> inspector.inspect(t, SenderRole.AGENT).flags())
                          .toList()),
              pool.submit(
                  () ->
                      texts.stream()
                          .map(t -> inspector.inspect(t, SenderRole.AGENT).flags())
                          .toList()));
      for (Future<List<List<Flag>>> run : runs) {
        assertThat(run.get()).isEqualTo(expected);
      }
    } finally {
      pool.shutdown();
    }
  }
}
