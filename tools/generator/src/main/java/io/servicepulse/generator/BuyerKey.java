// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.generator;

import java.nio.charset.StandardCharsets;

/** One (shop, buyer): the unit the scenario is built in and the Kafka record key. */
final class BuyerKey {

  final ShopModel shop;
  final String buyerId;

  /** A late buyer's whole conversation is emitted after the watermark passed it. */
  final boolean late;

  /** {@code shop_id|buyer_id}, UTF-8: keeps one buyer's events in one partition, in order. */
  final byte[] recordKey;

  BuyerKey(ShopModel shop, String buyerId, boolean late) {
    this.shop = shop;
    this.buyerId = buyerId;
    this.late = late;
    this.recordKey = (shop.id + "|" + buyerId).getBytes(StandardCharsets.UTF_8);
  }

  String chatEventId(int messageSeq) {
    return shop.id + ":" + buyerId + ":m" + messageSeq;
  }

  String conversationId(int conversation) {
    return shop.id + ":" + buyerId + ":c" + conversation;
  }

  String orderId(int order) {
    return shop.id + ":" + buyerId + ":o" + order;
  }
}
