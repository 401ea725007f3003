// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.metrics;

import io.servicepulse.events.ChatMessage;
import org.apache.flink.api.java.functions.KeySelector;

/** Keys chat messages by (shop, buyer); the length prefix keeps any two pairs apart. */
public final class ShopBuyerKey implements KeySelector<ChatMessage, String> {

  @Override
  public String getKey(ChatMessage m) {
    return m.getShopId().length() + ":" + m.getShopId() + m.getBuyerId();
  }
}
