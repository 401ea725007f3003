// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.aftersales.kpi;

import io.servicepulse.events.AgentEvent;
import io.servicepulse.events.AgentEventKind;
import io.servicepulse.events.AgentStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * One agent's status changes in event time. A status lasts until the agent's next status change and
 * counts on the shop-local days it spans: ONLINE and BUSY (挂起) are online time, BUSY also busy
 * time, AWAY (离开) away time, OFFLINE nothing; the last status counts once the next change arrives.
 * A change that arrives out of order splits the interval it falls in (retract the old interval, add
 * the two new ones). Transfers (转接) count on their day for both agents and need no state. Changes a
 * window older than the newest are dropped (the last one kept as the start of the next interval).
 * POJO.
 */
public class AgentTimeline implements Ledger<AgentEvent> {

  /** One status change. POJO. */
  public static class Change {
    public long ts;
    public String eventId;
    public String status;

    public Change() {}

    Change(long ts, String eventId, String status) {
      this.ts = ts;
      this.eventId = eventId;
      this.status = status;
    }

    boolean before(Change o) {
      return ts < o.ts || (ts == o.ts && eventId.compareTo(o.eventId) < 0);
    }
  }

  public String shopId;
  public String agentId;
  public List<Change> changes = new ArrayList<>();

  public AgentTimeline() {}

  public static AgentTimeline startedBy(AgentEvent e) {
    return new AgentTimeline();
  }

  @Override
  public List<KpiDelta> apply(AgentEvent e, KpiSettings settings) {
    long ts = e.getTs().toEpochMilli();
    if (e.getKind() == AgentEventKind.TRANSFER) {
      KpiCounts out = new KpiCounts();
      out.transfersOut = 1;
      KpiCounts in = new KpiCounts();
      in.transfersIn = 1;
      int day = settings.day(e.getShopId(), ts);
      return List.of(
          new KpiDelta(e.getShopId(), e.getAgentId(), day, out),
          new KpiDelta(e.getShopId(), e.getToAgentId(), day, in));
    }
    shopId = e.getShopId();
    agentId = e.getAgentId();
    Change change = new Change(ts, e.getEventId(), e.getStatus().name());
    int at = 0;
    while (at < changes.size() && changes.get(at).before(change)) {
      at++;
    }
    if (at < changes.size() && changes.get(at).eventId.equals(change.eventId)) {
      return List.of();
    }
    Change previous = at > 0 ? changes.get(at - 1) : null;
    Change next = at < changes.size() ? changes.get(at) : null;
    List<KpiDelta> before = new ArrayList<>();
    List<KpiDelta> after = new ArrayList<>();
    if (previous != null) {
      interval(previous, next, settings, before);
      interval(previous, change, settings, after);
    }
    interval(change, next, settings, after);
    changes.add(at, change);
    prune(settings);
    return Contributions.diff(before, after);
  }

  /** Adds the time of {@code from}'s status until {@code to} (none if open), split by day. */
  private void interval(Change from, Change to, KpiSettings settings, List<KpiDelta> out) {
    if (to == null) {
      return;
    }
    AgentStatus status = AgentStatus.valueOf(from.status);
    if (status == AgentStatus.OFFLINE) {
      return;
    }
    long start = from.ts;
    while (start < to.ts) {
      int day = settings.day(shopId, start);
      long end = Math.min(to.ts, settings.startOfDay(shopId, day + 1));
      long ms = end - start;
      KpiCounts c = new KpiCounts();
      if (status == AgentStatus.AWAY) {
        c.awayMs = ms;
      } else {
        c.onlineMs = ms;
        c.busyMs = status == AgentStatus.BUSY ? ms : 0;
      }
      out.add(new KpiDelta(shopId, agentId, day, c));
      start = end;
    }
  }

  /** Keeps the changes a late one can still fall between: within the window of the newest. */
  private void prune(KpiSettings settings) {
    long cutoff = changes.get(changes.size() - 1).ts - settings.windowMs();
    while (changes.size() > 1 && changes.get(1).ts < cutoff) {
      changes.remove(0);
    }
  }

  @Override
  public long keepUntil(KpiSettings settings) {
    if (changes.isEmpty()) {
      return Long.MIN_VALUE; // transfers only: nothing to keep
    }
    return changes.get(changes.size() - 1).ts + settings.windowMs();
  }
}
