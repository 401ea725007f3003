// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.aftersales.kpi;

import io.servicepulse.aftersales.FeedbackTable;
import io.servicepulse.events.FeedbackKind;
import io.servicepulse.events.Responsibility;
import io.servicepulse.events.ServiceFeedback;
import java.util.List;

/**
 * One rating or review: its first revision (the day it counts on, and whether it started bad or
 * middling) and its latest (its value now, and the agent it is credited to). A revision moves the
 * rating's contribution from its old value to its new one. Revisions of one number are ordered by
 * {@link FeedbackTable#version}, as in {@code service_feedback}. POJO.
 */
public class FeedbackLedger implements Ledger<ServiceFeedback> {
  public String shopId;
  public long firstVersion = -1;
  public int firstRating;
  public long firstTs;
  public long latestVersion = -1;
  public String latestAgent;
  public boolean latestIsReview;
  public int latestRating;
  public boolean latestAgentResponsible;
  public boolean latestInvited;

  public FeedbackLedger() {}

  /**
   * A ledger for the first revision; null for a later one, which arrives after its rating's rows
   * were final (a revision within the window finds its ledger).
   */
  public static FeedbackLedger startedBy(ServiceFeedback f) {
    return f.getRevision() == 0 ? new FeedbackLedger() : null;
  }

  @Override
  public List<KpiDelta> apply(ServiceFeedback f, KpiSettings settings) {
    List<KpiDelta> before = contribution(settings);
    long version = FeedbackTable.version(f);
    shopId = f.getShopId();
    if (firstVersion < 0 || version < firstVersion) {
      firstVersion = version;
      firstRating = f.getRating();
      firstTs = f.getTs().toEpochMilli();
    }
    if (version > latestVersion) {
      latestVersion = version;
      latestAgent = f.getAgentId() == null ? "" : f.getAgentId();
      latestIsReview = f.getKind() == FeedbackKind.PRODUCT_REVIEW;
      latestRating = f.getRating();
      latestAgentResponsible = f.getRating() <= 3 && f.getResponsibility() == Responsibility.AGENT;
      latestInvited = f.getInvited();
    }
    return Contributions.diff(before, contribution(settings));
  }

  private List<KpiDelta> contribution(KpiSettings settings) {
    if (firstVersion < 0) {
      return List.of();
    }
    KpiCounts c = new KpiCounts();
    if (latestIsReview) {
      c.productReviews = 1;
    } else {
      c.serviceRatings = 1;
    }
    if (latestRating <= 2) {
      c.bad = 1;
    } else if (latestRating == 3) {
      c.middling = 1;
    } else {
      c.good = 1;
    }
    c.agentResponsible = latestAgentResponsible ? 1 : 0;
    c.invited = latestInvited ? 1 : 0;
    boolean modified = latestVersion != firstVersion;
    c.modified = modified ? 1 : 0;
    c.badOrMiddlingFirst = firstRating <= 3 ? 1 : 0;
    c.modifiedToGood = modified && firstRating <= 3 && latestRating >= 4 ? 1 : 0;
    return List.of(new KpiDelta(shopId, latestAgent, settings.day(shopId, firstTs), c));
  }

  @Override
  public long keepUntil(KpiSettings settings) {
    return settings.dayFinalAt(shopId, settings.day(shopId, firstTs));
  }
}
