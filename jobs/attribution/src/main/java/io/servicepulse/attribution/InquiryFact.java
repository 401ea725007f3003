// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.attribution;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * One row of {@code inquiries}: a buyer answered by agents on one shop day, whether that was an
 * inquiry (询单: at least one answer not preceded by an order within the validity), and whether it
 * converted. Re-emitted with a higher {@code version} as orders and payments arrive. POJO.
 */
public class InquiryFact {
  public String shopId;
  public String buyerId;
  public int day;
  public boolean inquiry;
  public long firstInquiryMs;
  public List<String> answeredAgentIds = new ArrayList<>();
  public List<String> inquiryAgentIds = new ArrayList<>();
  public boolean ordered;
  public boolean paidNextDay;
  public boolean paidInValidity;
  public long version;

  public InquiryFact() {}

  boolean sameAs(InquiryFact o) {
    return o != null
        && day == o.day
        && inquiry == o.inquiry
        && firstInquiryMs == o.firstInquiryMs
        && answeredAgentIds.equals(o.answeredAgentIds)
        && inquiryAgentIds.equals(o.inquiryAgentIds)
        && ordered == o.ordered
        && paidNextDay == o.paidNextDay
        && paidInValidity == o.paidInValidity;
  }

  @Override
  public String toString() {
    return buyerId
        + "@"
        + LocalDate.ofEpochDay(day)
        + " v"
        + version
        + (inquiry ? " inquiry by " + inquiryAgentIds : " answered only")
        + (ordered ? " ordered" : "")
        + (paidNextDay ? " paidNextDay" : "")
        + (paidInValidity ? " paidInValidity" : "");
  }
}
