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

  /** Indexes of the messages from which the source gives a new conversation_id. */
  final List<Integer> sourceSplits = new ArrayList<>();

  boolean humanAnswer;

  void buyer(long ts, int routedAgent, int text, boolean startsTurn) {
    messages.add(new Msg(ts, SenderRole.BUYER, routedAgent, text));
    if (startsTurn) {
      turnStarts.add(ts);
    }
  }

  /** The next message starts a new conversation in the source system (a new conversation_id). */
  void newSourceConversation() {
    sourceSplits.add(messages.size());
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
    for (int i = 0; i < messages.size(); i++) {
      Msg m = messages.get(i);
      if (sourceSplits.contains(i)) {
        timeline.newSourceConversation();
      }
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
