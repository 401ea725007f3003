// SPDX-License-Identifier: GPL-3.0-or-later
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

  // --- letters of other scripts drawn like Latin ones (Unicode confusables) are evasions

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "you \u0456d\u0456\u043et", // Cyrillic і, о
        "\u0455h\u0456t service", // Cyrillic ѕ, і
        "you are an \u0251sshole", // Latin alpha ɑ
        "\u03B9d\u03B9\u03BFt", // Greek ι, ο
        "what a m\u043er\u043en", // Cyrillic о
      })
  void confusableLettersAreEvasions(String text) {
    assertThat(agent(text)).as(text).isNotEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "\u03B1-硫辛酸胶囊已发货", // α-lipoic acid
        "电阻 10k\u03A9，误差1%",
        "Спасибо за заказ, доставка завтра",
        "Ευχαριστούμε για την παραγγελία σας",
        "二〇二四年十二月三日发货",
      })
  void otherScriptsInCivilTextStayCivil(String text) {
    assertThat(agent(text)).as(text).isEmpty();
  }

  // --- a hashtag's capitals start its words

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"#YouAreAnIdiot", "worst service #FuckThisShop", "#ScammersEverywhere"})
  void wordsInsideAHashtagAreRead(String text) {
    assertThat(inspector.inspect(text, SenderRole.BUYER).flags()).as(text).isNotEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "#BlackFriday deals are live now",
        "#ShopSmall #FreeShipping on orders over $50",
        "Back in stock #NewArrivals #BackToSchool",
        "Share your photos with #MyClassicLook",
        "#AssemblyRequired: see the manual",
      })
  void civilHashtagsStayCivil(String text) {
    assertThat(agent(text)).as(text).isEmpty();
  }

  // --- inflections that double the last consonant (shit -> shitting) go to the lemma check

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "you're shitting me",
        "stop bitching and refund me",
        "this shitting app crashed again",
        "quit your bitching",
        "he keeps fucking around with my order",
      })
  void inflectedProfanityIsCaught(String text) {
    assertThat(inspector.inspect(text, SenderRole.BUYER).flags()).as(text).isNotEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "The stitching is double-layered",
        "We are assessing the damage now",
        "Shipping takes 2 days",
        "The cocktail glasses are back in stock",
        "Our Dickens box set ships today",
        "Knitting needles come in a set of four",
      })
  void wordsThatStartLikeATermAreNotInflections(String text) {
    assertThat(agent(text)).as(text).isEmpty();
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

  // --- a business's or venue's address is not a person's: whose address it is decides

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "我们门店地址是杭州市西湖区文三路478号，欢迎到店试穿",
        "自提点在上海市徐汇区漕溪北路88号一楼，营业时间9点到21点",
        "这家酒店位于北京市东城区王府井大街50号，步行5分钟到地铁",
        "推荐您去老北京炸酱面馆，餐厅地址是北京市朝阳区三里屯路19号",
        "The store is located at 350 Fifth Avenue, open 9 to 5",
        "Our showroom is at 12 Market Street, bring your receipt",
        "The hotel's address is 15 Park Lane, check-in from 2pm",
        "There are 3 results for a place to stay in the north",
        "I found 2 options for a table at the restaurant",
        "门店电话010-67498258,13699120196，到店前可以先打电话",
        "酒店电话是0571-88886666；13912345678",
        "他家是老字号饭庄，地址是北京市东城区前门大街18号",
        "Their address is 106 Regent Street; the restaurant opens at noon",
      })
  void aVenuesOrShopsPublicAddressAndPhonesAreNotLeaks(String text) {
    assertThat(agent(text)).as(text).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "您的收货地址是广州市天河区体育西路103号，对吗",
        "已经给您寄到南京市鼓楼区中山路88号了",
        "收件人王女士，深圳市南山区科技园南路12号",
        "他家住在成都市武侯区人民南路4段9号",
        "上海市浦东新区张江路123号5栋201室，请核对",
        "张先生 13812345678 北京市海淀区中关村大街27号",
        "We shipped it to 42 Elm Street as requested",
        "Your delivery address is 18 Oak Road, is that right?",
        "The customer lives at 7 Mill Lane",
        "Send it to 9 River Road, apt 4B",
        "有事打我电话13812345678，地址在北京市朝阳区建国路88号",
        "他的地址是武汉市洪山区珞喻路1037号",
        "Her address is 12 Church Street, please update the label",
        "地址是西城区新街口外大街19号4号楼302，麻烦核对",
        "前一位顾客电话13912345678，地址南京市玄武区中山路5号",
        "The previous buyer's phone is 415-555-0188, 7 Elm Street.",
      })
  void aPersonsAddressIsStillALeak(String text) {
    List<Flag> flags = agent(text);
    assertThat(flags).as(text).extracting(Flag::category).contains(Category.PRIVACY_LEAK);
    assertThat(flags).as(text).allMatch(f -> f.severity() >= 2);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {"地址是北京市朝阳区建国路88号对吗", "The address is 5 Greens Road.", "地址是海淀区学院路58号院金晖嘉园小区5号楼"})
  void anAddressNobodysIsAttributedToIsLowSeverity(String text) {
    Flag f = agent(text).get(0);
    assertThat(f.category()).isEqualTo(Category.PRIVACY_LEAK);
    assertThat(f.severity()).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"我的电话13812345678", "师傅电话 139-1234-5678，您直接联系他"})
  void aLoneMobileIsStillALeak(String text) {
    assertThat(agent(text)).as(text).extracting(Flag::severity).containsExactly(2);
  }

  // --- insult words inside a business's or venue's name

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "Clowns Cafe is an italian restaurant in the centre",
        "How about clowns cafe ?",
        "Your table at The Clown Bar is booked for 7pm",
        "We stock it at Jerks Grill and at the Idiots Records store",
        "The Clown's Kitchen opens at noon",
      })
  void insultWordsInAVenuesNameAreNotInsults(String text) {
    assertThat(agent(text)).as(text).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "this clown shop never ships",
        "you clowns",
        "you clowns cafe people are useless",
        "YOU CLOWN CAFE",
        "what a clown",
        "Clowns. All of you.",
        "The Idiot who packed this",
      })
  void insultWordsOutsideANameAreStillCaught(String text) {
    assertThat(inspector.inspect(text, SenderRole.BUYER).flags()).as(text).isNotEmpty();
  }

  // --- wx/vx/qq glued to a code in English text is a reference number, not a WeChat id

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "Your reference number is WX660X0M.",
        "Booking ref: QQ7734AB, see you on Friday",
        "The VX2000X charger is back in stock",
      })
  void codesStartingWithWxAreNotWeChatIds(String text) {
    assertThat(agent(text)).as(text).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "wx: kefu2024",
        "add me on wx kefu2024",
        "有事wx123456",
        "我的wx号shop8866",
        "qq 12345678"
      })
  void weChatAndQqIdsAreStillCaught(String text) {
    assertThat(rules(text)).as(text).contains("zh.offplatform.id");
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
