// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.inspect;

import java.util.List;

/**
 * 他妈的/她妈的 before something a mother has (病, 生日, 电话, 订单…) means "his/her mother's", as in
 * "他妈的病好些了吗", unless an intensifier stands before it ("这他妈的订单", "真他妈的"): then it is the curse
 * again.
 */
final class MothersPossessive {
  private static final List<String> SUBJECTS = List.of("他妈的", "她妈的");

  /** Personal things and relations; not those people curse at (快递, 钱, 手机, 东西). */
  private static final List<String> POSSESSIONS =
      List.of(
          "病", "身体", "生日", "手术", "药", "名字", "朋友", "同事", "同学", "家", "娘家", "老家", "房子", "衣服", "鞋",
          "礼物", "照片", "遗物", "电话", "号码", "手机号", "身份证", "账号", "订单", "地址", "意思", "腿", "腰", "眼睛", "血压",
          "退休金", "医保", "姐姐", "妹妹", "哥哥", "弟弟", "爸爸", "亲戚", "意见", "年纪", "岁数");

  /** Chars before 他妈的 that make it the intensifier: 这/那/真/太/好/什么/个/我/你/去… */
  private static final String INTENSIFIERS = "这那真太好么个就都也又还我你去子";

  private MothersPossessive() {}

  /** {@code [begin, end)} lies inside a 他妈的 that reads "his/her mother's". */
  static boolean covers(String compact, int begin, int end) {
    for (int s = Math.max(0, begin - 2); s <= begin; s++) {
      if (s + 3 >= end && possessiveAt(compact, s)) {
        return true;
      }
    }
    return false;
  }

  private static boolean possessiveAt(String compact, int s) {
    boolean subject = false;
    for (String form : SUBJECTS) {
      subject |= compact.startsWith(form, s);
    }
    if (!subject || (s > 0 && INTENSIFIERS.indexOf(compact.charAt(s - 1)) >= 0)) {
      return false;
    }
    for (String thing : POSSESSIONS) {
      if (compact.startsWith(thing, s + 3)) {
        return true;
      }
    }
    return false;
  }
}
