// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.inspect;

import java.util.regex.Pattern;

/**
 * Whose address an agent typed, read from the message around it (folded text: lower case,
 * simplified, half-width). A privacy leak is a person's address — the buyer's, a recipient's, a
 * courier's home — not the public address of a business: a hotel, a restaurant, a store's pickup
 * point or the shop itself.
 *
 * <ul>
 *   <li>{@link Owner#SHOP}: the shop's own return or warehouse address (退货地址…, "return to" just
 *       before it). Masked, not flagged.
 *   <li>{@link Owner#PERSON}: tied to the buyer or a recipient just before it (您的地址, 收货地址, 收件人, 寄到,
 *       家住, "your address", "ship it to", "lives at"), or one household's door in it (201室, 3单元,
 *       "apt 4"; not a housing estate or a building alone). Flagged, severity 2.
 *   <li>{@link Owner#VENUE}: a public place or business named in the message (酒店, 餐厅, 门店, 自提点, 景点,
 *       位于; hotel, restaurant, museum, "located at"). Masked, not flagged.
 *   <li>Otherwise a third party's (他的, 他家, "his/their address") is a {@link Owner#PERSON}'s.
 *   <li>{@link Owner#UNKNOWN}: none of these. Flagged at severity 1 (to review, not an alert),
 *       unless the message also gives a person's phone number or name (先生, 女士, Mr): name or phone
 *       with an address is a person's contact record, severity 2.
 * </ul>
 *
 * <p>Order: shop, person, venue, third party. "您的地址" wins over a hotel named later in the message;
 * a hotel named anywhere wins over "their address" (a business's) and over the phone-and-address
 * combination (venues publish both).
 */
final class AddressContext {
  enum Owner {
    SHOP,
    PERSON,
    VENUE,
    UNKNOWN
  }

  /** How far before the address the shop's and a person's cues are looked for. */
  private static final int ZH_WINDOW = 12;

  private static final int EN_WINDOW = 40;

  /** The shop's own return address is business information, not a leak. */
  private static final Pattern SHOP_CUE =
      Pattern.compile("(退货|退回|寄回|售后|仓库|发回|换货)(地址)?|return (address|to)|ship (it )?back to");

  /** The buyer's or a recipient's address, or a destination the shop sends to. */
  private static final Pattern ZH_PERSON_CUE =
      Pattern.compile(
          "(您|你|客户|买家|顾客|收件人|收货人|亲)(的|家)?(收货|收件|家庭|家|居住|详细|邮寄|寄件)?(地址|住址)"
              + "|收货地址|收件地址|邮寄地址|配送地址|家庭住址|住址|家住|住在|(您|你)家"
              + "|(寄|送|发|邮|配送|派送|快递|送货)(到|往|给)(您|你|他|她)?|上门");

  private static final Pattern EN_PERSON_CUE =
      Pattern.compile(
          "\\b(your|customer['’]?s|buyer['’]?s|recipient['’]?s)"
              + " (home |shipping |delivery |billing |mailing |postal )?address\\b"
              + "|\\b(shipping|delivery|billing|mailing|home) address\\b"
              + "|\\b(ship|shipped|shipping|deliver|delivered|delivering|send|sent|mail|mailed|post"
              + "|posted)( it| this| that| them| the (order|parcel|package|item|items))?"
              + "( out)? to\\b|\\b(live|lives|living) at\\b|\\b(your|his|her|their) (own )?home\\b");

  /**
   * A third party's address: a person's unless the message is about a venue ("他家" and "their" also
   * say a restaurant's: 他家地址是…, "Their address is 106 Regent Street").
   */
  private static final Pattern THIRD_PARTY_CUE =
      Pattern.compile("(他|她|他们|她们)(的|家)|\\b(his|her|their) address\\b");

  /** A flat or a room: one household's door, where a person lives. */
  private static final Pattern DWELLING =
      Pattern.compile(
          "[0-9一二三四五六七八九十]+(室|单元|户)|[0-9]+号楼[0-9]{3,4}(?![0-9])" + "|\\b(apt|apartment|flat)\\b");

  private static final Pattern VENUE_CUE =
      Pattern.compile(
          "酒店|宾馆|饭店|旅馆|客栈|民宿|餐厅|餐馆|饭馆|饭庄|食府|酒楼|菜馆|小吃|咖啡|茶馆|酒吧|门店|店铺|分店|专卖店|旗舰店"
              + "|本店|实体店|商场|购物中心|超市|自提点|提货点|取货点|驿站|营业厅|专柜|服务中心|维修点|网点"
              + "|景点|景区|公园|博物馆|纪念馆|美术馆|展览馆|故居|剧场|剧院|影院|体育馆|游乐|门票|营业时间|评分|人均|位于|坐落"
              + "|\\b(hotel|guesthouse|guest house|inn|hostel|b ?& ?b|restaurant|cafe|café|bar|pub"
              + "|gastropub|bistro|museum|gallery|college|church|theatre|theater|cinema|park|pool"
              + "|(shopping|service|sports|leisure|visitor) (centre|center)|hall|club|nightclub|attraction|station|hospital|police|shop|store"
              + "|office|mall|market|located|postcode|post code|entrance|admission|venue"
              + "|pickup point|pick-up point|collection point|showroom|branch)\\b");

  /** A person's name by its title: 张先生, 李女士, Mr Smith. */
  private static final Pattern TITLE =
      Pattern.compile("[\\u4e00-\\u9fa5](先生|女士|小姐)|\\b(mr|mrs|ms|miss)\\b\\.? [a-z]");

  private AddressContext() {}

  /** The owner of the address at {@code [start, end)} of {@code folded}. */
  static Owner of(String folded, int start, int end) {
    String zhBefore = folded.substring(Math.max(0, start - ZH_WINDOW), start);
    if (SHOP_CUE.matcher(zhBefore).find()) {
      return Owner.SHOP;
    }
    String enBefore = folded.substring(Math.max(0, start - EN_WINDOW), start);
    if (ZH_PERSON_CUE.matcher(zhBefore).find()
        || EN_PERSON_CUE.matcher(enBefore).find()
        || DWELLING.matcher(folded.substring(start, Math.min(folded.length(), end + 8))).find()) {
      return Owner.PERSON;
    }
    // Outside the address: "12 Church Street" names no church.
    if (VENUE_CUE.matcher(folded.substring(0, start)).find()
        || VENUE_CUE.matcher(folded.substring(end)).find()) {
      return Owner.VENUE;
    }
    return THIRD_PARTY_CUE.matcher(zhBefore).find() || THIRD_PARTY_CUE.matcher(enBefore).find()
        ? Owner.PERSON
        : Owner.UNKNOWN;
  }

  /** A person's title (先生, Mr) in the message: an address beside it is a contact record. */
  static boolean namesAPerson(String folded) {
    return TITLE.matcher(folded).find();
  }
}
