// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.attribution;

/** When an order's owner (落实客服) is decided, as Taobao's own report lets a shop choose. */
public enum AttributionRule {
  /** 下单判定: the last agent to answer before the order was created. */
  ORDER_CREATED,
  /** 付款判定: the last agent to answer before the order was paid; unpaid orders have no owner. */
  ORDER_PAID
}
