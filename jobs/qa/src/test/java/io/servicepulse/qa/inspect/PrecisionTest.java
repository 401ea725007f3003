package io.servicepulse.qa.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Classes of false alarm found on real support text, and the evasions next to them: each test pairs
 * messages that must stay clean with abuse that must still be caught.
 */
class PrecisionTest {
  private static TextInspector inspector;

  @BeforeAll
  static void load() {
    inspector = SharedInspector.get();
  }

  private static List<Flag> agent(String text) {
    return inspector.inspect(text, SenderRole.AGENT).flags();
  }

  private static List<String> rules(String text) {
    return agent(text).stream().map(Flag::ruleId).toList();
  }

  // --- URLs, e-mails and @handles are not words

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "Track your parcel here: https://bit.ly/gtfo7Xk",
        "物流详情请点 https://t.cn/wx12345 查看",
        "物流详情：t.cn/qq66688a",
        "Please email jb.sb@shop-mail.com for the invoice",
        "您可以发邮件到 sb_service@shop.cn 哦",
        "Our team @JB_support will reply today",
        "Your tracking page: www.shop.com/orders/ass-fuck-check",
      })
  void linksMailsAndHandlesAreNotMatched(String text) {
    assertThat(agent(text)).as(text).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "gtfo, see https://bit.ly/abc",
        "加我微信 shop8866，链接 https://t.cn/abc",
        "傻逼 https://t.cn/abc",
        "you idiot, it's on www.shop.com",
      })
  void abuseAndAgentTypedIdsNextToALinkAreStillCaught(String text) {
    assertThat(agent(text)).as(text).isNotEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"微信号：shop8866", "my wechat: kefu_2024", "vx：abc12345 加一下"})
  void aWeChatIdTheAgentTypesIsStillAViolation(String text) {
    assertThat(rules(text)).as(text).contains("zh.offplatform.id");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"你是个傻逼 https://t.cn/abc", "看 https://t.cn/abc 傻逼"})
  void spansStillPointIntoTheOriginalTextAfterALink(String text) {
    Flag f = agent(text).get(0);
    assertThat(text.substring(f.start(), f.end())).isEqualTo("傻逼");
  }

  // --- invisible chars are evasions, not separators

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "傻\u200B逼",
        "你这个傻\u200C逼",
        "傻\u200D逼客服",
        "傻\u2060逼",
        "傻\uFEFF逼",
        "id\u200Biot",
        "you are an id\u00ADiot",
        "s\u200Bh\u200Bi\u200Bt",
        "f\u200Bu\u200Bc\u200Bk you",
        "神\u200B经\u200B病",
        "傻\uDB40\uDC20逼",
      })
  void invisibleCharsInsideAWordAreEvasions(String text) {
    assertThat(agent(text)).as(text).isNotEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"你这个傻\u200B逼", "id\u200Biot!", "s\u200Bh\u200Bi\u200Bt happens"})
  void aFlagOverInvisibleCharsCoversThemInTheOriginal(String text) {
    Flag f = agent(text).get(0);
    assertThat(f.text()).isEqualTo(text.substring(f.start(), f.end())).contains("\u200B");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"谢谢\u200B您的耐心", "Thank\u200Byou for waiting", "sea\u00ADson sale"})
  void invisibleCharsInCivilTextChangeNothing(String text) {
    assertThat(agent(text)).as(text).isEmpty();
  }

  // --- Latin initialisms of Chinese abuse: Chinese text only, never a signature

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "I sent sb the link, please check",
        "JB will call you back tomorrow",
        "The TMD sensor is back in stock",
        "CNM certified nurse, NMB code 12",
        "Thanks, ^JB",
        "Sorry for the delay -SB",
        "Regards — JB",
        "Best,\nJB",
        "已为您补发，请注意查收 ^JB",
        "好的亲，已经帮您备注了 -SB",
        "感谢您的耐心 — Jb",
        "有问题随时联系我们\nSB",
      })
  void initialismsInEnglishTextOrSignaturesAreNotAbuse(String text) {
    assertThat(agent(text)).as(text).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "你是sb吧",
        "sb客服",
        "cnm，别问了",
        "tmd怎么还没发货",
        "NMSL",
        "nmsl!!!",
        "SB，^JB 你说呢",
        "你个jb，退钱",
        "你就是个SB",
        "你就是个 -SB 吧",
      })
  void initialismsInChineseTextAreStillAbuse(String text) {
    assertThat(inspector.inspect(text, SenderRole.BUYER).flags()).as(text).isNotEmpty();
  }

  // --- letters inside model and part codes are not words

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "型号ASS-200已到货",
        "ASS-200 is back in stock",
        "型号ASS3有货",
        "Part no. X1-ASS/20 fits",
        "型号SB-200有货",
        "配件JB-12已发出",
        "the DICK-5 drill bit",
      })
  void latinTermsInsideProductCodesAreNotWords(String text) {
    assertThat(agent(text)).as(text).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"you ass", "kiss my ass-hole", "你是sb吗", "型号问了八遍，你是SB吗"})
  void theSameTermsOutsideACodeAreStillCaught(String text) {
    assertThat(agent(text)).as(text).isNotEmpty();
  }

  // --- English threats: whole words, and a threatening complement

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "We will get you a replacement today",
        "Bill will get you the invoice",
        "We will find you a size that fits",
        "Our team will find you.",
        "I'll find you a seat on the next shuttle",
        "I will find you a solution by Friday",
        "I'm going to get you a refund",
        "I'll find you the best price",
        "I'll find you and your wife seats together",
        "Once you're finished, restart the router",
        "If you're finished with the form, press submit",
        "Thank you for your kind words!",
        "Please go back to your cart and retry",
        "Sorry, our useless old form is gone: please use the new one",
        "Don't forget lost-and-found items",
        "Sorry, I can't laugh at your joke",
        "Four useless clicks are gone in the new app",
      })
  void civilRepliesAreNotThreatsOrInsults(String text) {
    assertThat(agent(text)).as(text).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "I'll find you",
        "I will find you.",
        "I'll get you for this",
        "I'm gonna find you wherever you are",
        "I will find you and make you pay",
        "ill kill you",
        "I will hurt you",
        "you're dead",
        "You're finished. Watch your back",
        "go back to your country",
        "ur useless",
        "your a stupid clown",
        "your so dumb",
        "get lost",
      })
  void realThreatsAndInsultsAreStillCaught(String text) {
    assertThat(inspector.inspect(text, SenderRole.BUYER).flags()).as(text).isNotEmpty();
  }

  // --- the shop's hotlines and toll-free numbers are not privacy leaks

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "Call us toll-free at 1-800-555-0199 anytime",
        "Our support line is (888) 555-0123.",
        "客服热线400-820-8820，工作日9点到18点",
        "售后电话：800-810-8888",
        "订单详情 https://shop.example.com/order/13812345678 请查收",
        "Track it: https://track.example.com/?id=415-555-0199",
      })
  void tollFreeNumbersAndIdsInLinksAreNotLeaks(String text) {
    assertThat(agent(text)).as(text).isEmpty();
  }

  @Test
  void theShopsConfiguredHotlinesAreNotLeaksButOtherNumbersAre() {
    TextInspector shop =
        new TextInspector(
            inspector.lexicon(),
            CoreNlpAnalyzer.shared(null),
            100,
            List.of("138-0013-8000", "415-555-0100"));
    assertThat(shop.inspect("售后专线13800138000，随时找我们", SenderRole.AGENT).flags()).isEmpty();
    assertThat(shop.inspect("Call our hotline at +1 415 555 0100", SenderRole.AGENT).flags())
        .isEmpty();
    assertThat(shop.inspect("我的私人号码13912345678", SenderRole.AGENT).flags())
        .extracting(Flag::category)
        .containsExactly(Category.PRIVACY_LEAK);
    assertThat(inspector.inspect("售后专线13800138000，随时找我们", SenderRole.AGENT).flags())
        .extracting(Flag::category)
        .containsExactly(Category.PRIVACY_LEAK);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"Call me at 415-555-0199", "有事打我电话 139-1234-5678"})
  void personalNumbersAreStillLeaks(String text) {
    assertThat(agent(text)).extracting(Flag::category).containsExactly(Category.PRIVACY_LEAK);
  }

  // --- Chinese terms read inside other words: 日 as a day, 他妈的 as "his mother's"

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "延迟到15日你看可以吗",
        "3月8日你下的单已经发货了",
        "明日你再来取件就行",
        "周日你方便收货吗",
        "生日你想送什么礼物",
        "十五日你收到了吗",
        "改日你再来看看",
        "工作日你随时联系我们",
        "他妈的病好些了吗",
        "她妈的生日是下周，想买个礼物",
        "给他妈的礼物已经发出了",
        "今天是他妈的生日",
        "他妈的电话一直打不通，麻烦再核对一下",
      })
  void daysAndHisMothersAreNotProfanity(String text) {
    assertThat(agent(text)).as(text).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "日你妈",
        "我日你妈",
        "日你",
        "今天日你妈的",
        "他妈的什么破店",
        "这他妈的订单怎么还没到",
        "真他妈的病得不轻",
        "他妈的，病了也没人管",
        "你他妈的病了吧",
        "他妈的快递怎么还没到",
      })
  void theCurseIsStillCaught(String text) {
    assertThat(inspector.inspect(text, SenderRole.BUYER).flags()).as(text).isNotEmpty();
  }
}
