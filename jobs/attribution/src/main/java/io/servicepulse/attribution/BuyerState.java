// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.attribution;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the job keeps for one (shop, buyer): answers still able to matter (sorted), orders
 * still able to change, and what was last emitted so only changes go out. Days before {@code
 * openFromDay} are final and no longer recomputed. POJO kept in keyed state.
 */
public class BuyerState {
  public String shopId;
  public String buyerId;
  public List<Answer> answers = new ArrayList<>();
  public Map<String, OrderTrack> orders = new HashMap<>();
  public Map<Integer, InquiryFact> inquiries = new HashMap<>();
  public Map<String, ConversionDelta> contributions = new HashMap<>();
  public int openFromDay = Integer.MIN_VALUE;

  public BuyerState() {}

  BuyerState(String shopId, String buyerId) {
    this.shopId = shopId;
    this.buyerId = buyerId;
  }

  boolean isEmpty() {
    return answers.isEmpty() && orders.isEmpty() && inquiries.isEmpty() && contributions.isEmpty();
  }
}
