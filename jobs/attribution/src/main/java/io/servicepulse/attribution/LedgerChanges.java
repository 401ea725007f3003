// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.attribution;

import java.util.ArrayList;
import java.util.List;

/** What one event changed for a buyer: facts to upsert and conversion rows to correct. */
public final class LedgerChanges {
  public final List<OrderAttributionFact> orders = new ArrayList<>();
  public final List<InquiryFact> inquiries = new ArrayList<>();
  public final List<ConversionDelta> deltas = new ArrayList<>();
}
