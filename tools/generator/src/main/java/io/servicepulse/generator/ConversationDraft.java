// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.generator;

import io.servicepulse.events.SenderRole;
import java.util.ArrayList;
import java.util.List;

/** A conversation being planned; checked against the buyer's constraints before it is kept. */
final class ConversationDraft {

  record Msg(long ts, SenderRole role, int agent, int text) {}

  final List<Msg> messages = new ArrayList<>();
  final List<Long> turnStarts = new ArrayList<>();
  boolean humanAnswer;

  void buyer(long ts, int routedAgent, int text, boolean startsTurn) {
    messages.add(new Msg(ts, SenderRole.BUYER, routedAgent, text));
    if (startsTurn) {
      turnStarts.add(ts);
    }
  }

  void agent(long ts, int agent, int text) {
    messages.add(new Msg(ts, SenderRole.AGENT, agent, text));
    humanAnswer = true;
  }

  void bot(long ts, int agent, int text) {
    messages.add(new Msg(ts, SenderRole.BOT, agent, text));
  }

  void system(long ts, int text) {
    messages.add(new Msg(ts, SenderRole.SYSTEM, -1, text));
  }

  long start() {
    return messages.get(0).ts();
  }

  long end() {
    return messages.get(messages.size() - 1).ts();
  }

  void commitTo(BuyerTimeline timeline) {
    timeline.startConversation(start());
    for (Msg m : messages) {
      switch (m.role()) {
        case BUYER -> timeline.buyer(m.ts(), m.agent(), m.text());
        case AGENT -> timeline.agent(m.ts(), m.agent(), m.text());
        case BOT -> timeline.bot(m.ts(), m.agent(), m.text());
        case SYSTEM -> timeline.system(m.ts(), m.text());
      }
    }
    timeline.endConversation();
  }
}
