// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.generator;

import static io.servicepulse.generator.QaCategory.DISCRIMINATION;
import static io.servicepulse.generator.QaCategory.IMPATIENCE;
import static io.servicepulse.generator.QaCategory.INSULT;
import static io.servicepulse.generator.QaCategory.OFF_PLATFORM;
import static io.servicepulse.generator.QaCategory.PRIVACY_LEAK;
import static io.servicepulse.generator.QaCategory.PROFANITY;
import static io.servicepulse.generator.QaCategory.REVIEW_BRIBE;
import static io.servicepulse.generator.QaCategory.SHIRKING;
import static io.servicepulse.generator.QaCategory.THREAT;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The message texts, referenced by id so a planned event stays small. Civil texts are plainly civil
 * (no digits that look like a phone number, no 微信/好评) and include the innocent look-alikes QA must
 * not flag (操作, 垃圾袋, 滚筒, 死机, assistant, class, Scunthorpe, cocktail). Every uncivil text carries
 * the QA categories it is expected to be flagged with.
 */
final class Texts {

  enum Lang {
    ZH,
    EN
  }

  enum Kind {
    BUYER_OPEN,
    BUYER_FOLLOW,
    /** Thanks or OK after an answer: needs no reply (the jobs' events.no-reply-needed). */
    BUYER_ACK,
    AGENT,
    BOT,
    SYSTEM_TRANSFER,
    UNCIVIL_AGENT,
    UNCIVIL_BUYER,
    REFUND_REASON
  }

  record Text(int id, Kind kind, Lang lang, String text, Set<QaCategory> categories) {
    boolean uncivil() {
      return !categories.isEmpty();
    }
  }

  private static final List<Text> ALL = new ArrayList<>();
  private static final Map<Lang, Map<Kind, List<Text>>> BY_KIND = new EnumMap<>(Lang.class);

  static {
    zh(
        Kind.BUYER_OPEN,
        "在吗？",
        "你好，这款还有货吗？",
        "请问这个尺码偏大还是偏小？",
        "这个垃圾袋结实吗？能装多少东西？",
        "滚筒洗衣机可以用这个洗衣液吗？",
        "手机用了两天就死机了，怎么处理？",
        "能便宜一点吗？",
        "今天下单什么时候发货？",
        "这个包邮吗？",
        "有没有优惠券可以用？");
    zh(
        Kind.BUYER_FOLLOW,
        "那我再看看",
        "发什么快递？",
        "操作说明书在哪里可以下载？",
        "颜色有色差吗？",
        "可以开发票吗？",
        "我的订单什么时候发货？",
        "快递到哪里了？",
        "收到了，东西不错",
        "尺码不合适，想申请退款");
    zh(Kind.BUYER_ACK, "好的，谢谢", "好的", "谢谢亲！", "嗯嗯，收到", "👌");
    zh(
        Kind.AGENT,
        "亲，在的，请问有什么可以帮您？",
        "有现货的，今天下单今天发出哦",
        "亲，这款尺码标准，按平时穿的选就可以",
        "这款垃圾袋是加厚的，很结实的哦",
        "滚筒和波轮洗衣机都可以使用的",
        "操作步骤已经发给您了，有问题随时找我",
        "已经帮您备注了，请放心",
        "默认发顺丰快递，一般两到三天到",
        "亲，可以开发票的，下单时填写抬头就好",
        "感谢您的耐心等待，已经为您查询好了",
        "退款申请已经收到，我们会尽快处理");
    zh(Kind.BOT, "您好，欢迎光临，客服马上为您服务", "亲，当前咨询人数较多，请稍候", "【自动回复】付款后四十八小时内发货");
    zh(Kind.SYSTEM_TRANSFER, "会话已转接给其他客服");
    zh(Kind.REFUND_REASON, "尺码不合适", "质量问题", "不想要了", "发错货了");
    en(
        Kind.BUYER_OPEN,
        "Hi, is this item in stock?",
        "Hello, do you ship to Scunthorpe?",
        "Which class of battery does this torch use?",
        "Can I get a discount for two pieces?",
        "When will my order ship?",
        "Does this jacket run small?");
    en(
        Kind.BUYER_FOLLOW,
        "Where is my parcel now?",
        "Can I change the colour to blue?",
        "Is the cocktail shaker dishwasher safe?",
        "I would like a refund, it does not fit.",
        "OK, I will think about it.");
    en(Kind.BUYER_ACK, "Great, thanks!", "Thanks!", "OK, thank you.", "Got it, thanks 👍");
    en(
        Kind.AGENT,
        "Hello! I am the shop assistant, happy to help.",
        "Yes, it is in stock and ships today.",
        "We ship to every UK town within three days.",
        "It is a classic fit, so please take your usual size.",
        "Your parcel is on its way and should arrive tomorrow.",
        "I have added a note to your order.",
        "Your refund request has been received and will be processed soon.",
        "Thank you for waiting, I have checked that for you.");
    en(
        Kind.BOT,
        "Welcome! An agent will be with you shortly.",
        "[Auto-reply] Orders ship within 48 hours of payment.");
    en(Kind.SYSTEM_TRANSFER, "The conversation was transferred to another agent.");
    en(Kind.REFUND_REASON, "Wrong size", "Damaged item", "Changed my mind");

    uncivil(Lang.ZH, Kind.UNCIVIL_AGENT, "你是不是傻，详情页写得清清楚楚", INSULT);
    uncivil(Lang.ZH, Kind.UNCIVIL_AGENT, "滚，别来烦我", INSULT);
    // 傻逼 attacks the person (辱骂), and the rest of the line is impatience (不耐烦), as the QA
    // lexicon classifies them; PROFANITY is swearing such as 操/卧槽/fuck.
    uncivil(Lang.ZH, Kind.UNCIVIL_AGENT, "傻逼，爱买不买", INSULT, IMPATIENCE);
    uncivil(Lang.ZH, Kind.UNCIVIL_AGENT, "傻*逼，别问了", INSULT, IMPATIENCE);
    uncivil(Lang.ZH, Kind.UNCIVIL_AGENT, "你自己不会看吗？", IMPATIENCE);
    uncivil(Lang.ZH, Kind.UNCIVIL_AGENT, "听不懂人话吗？说了多少遍了", IMPATIENCE);
    uncivil(Lang.ZH, Kind.UNCIVIL_AGENT, "这个不归我们管，你自己去找快递", SHIRKING);
    uncivil(Lang.ZH, Kind.UNCIVIL_AGENT, "加我微信 abc123，私下给你便宜", OFF_PLATFORM);
    uncivil(Lang.ZH, Kind.UNCIVIL_AGENT, "加QQ 12345678 详细聊", OFF_PLATFORM);
    uncivil(Lang.ZH, Kind.UNCIVIL_AGENT, "好评返现5元，记得给五星", REVIEW_BRIBE);
    uncivil(Lang.ZH, Kind.UNCIVIL_AGENT, "你再闹，小心我找人收拾你", THREAT);
    uncivil(Lang.ZH, Kind.UNCIVIL_AGENT, "你们农村人就是事多", DISCRIMINATION);
    uncivil(Lang.ZH, Kind.UNCIVIL_AGENT, "上个买家电话13812345678，地址杭州市西湖区文三路100号", PRIVACY_LEAK);
    uncivil(Lang.EN, Kind.UNCIVIL_AGENT, "Are you stupid? It is written on the page.", INSULT);
    uncivil(Lang.EN, Kind.UNCIVIL_AGENT, "you idiot, read the description", INSULT);
    uncivil(Lang.EN, Kind.UNCIVIL_AGENT, "Read the fucking description.", PROFANITY);
    uncivil(Lang.EN, Kind.UNCIVIL_AGENT, "What the s h i t do you want now?", PROFANITY);
    uncivil(Lang.EN, Kind.UNCIVIL_AGENT, "Can't you read it yourself?", IMPATIENCE);
    uncivil(Lang.EN, Kind.UNCIVIL_AGENT, "Not my problem, go ask the courier.", SHIRKING);
    uncivil(
        Lang.EN,
        Kind.UNCIVIL_AGENT,
        "Add me on WhatsApp abc123 for a cheaper price.",
        OFF_PLATFORM);
    uncivil(
        Lang.EN, Kind.UNCIVIL_AGENT, "Leave a 5-star review and get $5 cashback.", REVIEW_BRIBE);
    uncivil(Lang.EN, Kind.UNCIVIL_AGENT, "Keep complaining and you will regret it.", THREAT);
    uncivil(
        Lang.EN, Kind.UNCIVIL_AGENT, "Old people like you should not shop online.", DISCRIMINATION);
    uncivil(
        Lang.EN,
        Kind.UNCIVIL_AGENT,
        "The last customer's phone is 415-555-0134, 12 Baker Street.",
        PRIVACY_LEAK);
    uncivil(Lang.ZH, Kind.UNCIVIL_BUYER, "你们客服都是废物", INSULT);
    uncivil(Lang.ZH, Kind.UNCIVIL_BUYER, "垃圾客服，滚", INSULT);
    uncivil(Lang.ZH, Kind.UNCIVIL_BUYER, "操你妈，什么破店", PROFANITY);
    uncivil(Lang.ZH, Kind.UNCIVIL_BUYER, "再不退款我弄死你", THREAT);
    uncivil(Lang.EN, Kind.UNCIVIL_BUYER, "You are useless, idiot.", INSULT);
    uncivil(Lang.EN, Kind.UNCIVIL_BUYER, "What a shit shop.", PROFANITY);
    uncivil(Lang.EN, Kind.UNCIVIL_BUYER, "Refund me or I will hurt you.", THREAT);
  }

  private Texts() {}

  private static void zh(Kind kind, String... texts) {
    for (String t : texts) {
      add(kind, Lang.ZH, t, Set.of());
    }
  }

  private static void en(Kind kind, String... texts) {
    for (String t : texts) {
      add(kind, Lang.EN, t, Set.of());
    }
  }

  private static void uncivil(Lang lang, Kind kind, String text, QaCategory... categories) {
    add(kind, lang, text, Set.of(categories));
  }

  private static void add(Kind kind, Lang lang, String text, Set<QaCategory> categories) {
    Text t = new Text(ALL.size(), kind, lang, text, categories);
    ALL.add(t);
    BY_KIND
        .computeIfAbsent(lang, l -> new EnumMap<>(Kind.class))
        .computeIfAbsent(kind, k -> new ArrayList<>())
        .add(t);
  }

  static Text get(int id) {
    return ALL.get(id);
  }

  /** Every text of a kind, in all languages. */
  static Set<String> of(Kind kind) {
    Set<String> texts = new java.util.TreeSet<>();
    ALL.stream().filter(t -> t.kind() == kind).forEach(t -> texts.add(t.text()));
    return texts;
  }

  static int pick(Random rng, Lang lang, Kind kind) {
    List<Text> options = BY_KIND.get(lang).get(kind);
    return options.get(rng.nextInt(options.size())).id();
  }
}
