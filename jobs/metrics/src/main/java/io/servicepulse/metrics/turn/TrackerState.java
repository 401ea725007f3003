// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.metrics.turn;

import io.servicepulse.metrics.wait.WaitAlert;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the turn tracker keeps for one (shop, buyer): the messages of its unsettled
 * conversations in event-time order (including ones the watermark has not passed yet), and what it
 * has emitted for them, so a recomputation sends only what changed. Emptied when the last
 * conversation settles. Checkpointed by {@link TrackerStateSerializer} (a new field needs a place
 * there); still a POJO because releases before 2026-12-03 wrote it with the POJO serializer.
 */
public class TrackerState {

  public String shopId;
  public String buyerId;
  public String platform;
  public List<ChatEvent> events = new ArrayList<>();

  /** Emitted turns, without shop, buyer and platform (the state holds those once). */
  public List<TurnFact> emittedTurns = new ArrayList<>();

  public List<ConversationFact> emittedConversations = new ArrayList<>();

  /** Alerts sent and not yet forgotten, without shop, buyer, platform and emission time. */
  public List<WaitAlert> emittedAlerts = new ArrayList<>();

  /**
   * Whether {@link #emittedAlerts} holds the alerts: false in state restored from a release until
   * 2026-12-03, which kept them in a map state of their own ({@code WaitAlertJudge#adopt}).
   */
  public boolean alertsInState;

  /** The watermark the emitted facts were derived at; Long.MIN_VALUE before the first time. */
  public long derivedAtWatermark = Long.MIN_VALUE;

  /**
   * The latest time the emitted turns were decided at: the watermark, or for a live buyer the wall
   * clock (provisional turns). Never goes back, so a turn decided at the wall clock is not
   * withdrawn when the watermark, behind by the out-of-orderness bound, comes to the same point.
   * Added after the first release: restored state reads 0, before any real event time.
   */
  public long decidedUntil = Long.MIN_VALUE;

  /**
   * Version of the last turn row (or retraction) emitted for this buyer. One counter for all the
   * buyer's turns, so a turn dissolved and re-created gets a version above its retraction. Dropped
   * with the state: by then every turn of the buyer is settled and its id can never be emitted
   * again.
   */
  public long lastVersion;

  /**
   * The buyer's one event-time timer ({@code TurnTracker}); MAX_VALUE if none. Added after the
   * first release: restored state reads MIN_VALUE (unknown), and its older timers fire harmlessly.
   */
  public long wakeUpAt = Long.MIN_VALUE;

  public TrackerState() {}

  public TrackerState(String shopId, String buyerId, String platform) {
    this.shopId = shopId;
    this.buyerId = buyerId;
    this.platform = platform;
    this.alertsInState = true;
  }

  public boolean contains(String eventId) {
    for (ChatEvent e : events) {
      if (e.eventId.equals(eventId)) {
        return true;
      }
    }
    return false;
  }

  /** Inserts in (ts, event id) order; arrivals are mostly in order, so search from the end. */
  public void insert(ChatEvent event) {
    int i = events.size();
    while (i > 0 && events.get(i - 1).compareTo(event) > 0) {
      i--;
    }
    events.add(i, event);
  }

  ConversationFact emittedConversation(String conversationId) {
    for (ConversationFact c : emittedConversations) {
      if (c.conversationId.equals(conversationId)) {
        return c;
      }
    }
    return null;
  }

  /**
   * The version of the next emitted row: above every earlier one of this buyer and above {@code
   * atLeast} (state restored from before versions were counted holds wall-clock versions).
   */
  public long nextVersion(long atLeast) {
    lastVersion = Math.max(lastVersion, atLeast) + 1;
    return lastVersion;
  }

  /** An emitted turn as the rest of the pipeline sees it: with shop, buyer and platform. */
  TurnFact withKey(TurnFact stored) {
    TurnFact full = stored.copy();
    full.shopId = shopId;
    full.buyerId = buyerId;
    full.platform = platform;
    return full;
  }

  static TurnFact withoutKey(TurnFact fact) {
    TurnFact stored = fact.copy();
    stored.shopId = null;
    stored.buyerId = null;
    stored.platform = null;
    return stored;
  }
}
