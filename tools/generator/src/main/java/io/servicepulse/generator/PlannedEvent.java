// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.generator;

/**
 * A record to emit, kept compact (primitives and shared references, ~70 bytes) so millions fit in a
 * small heap; {@link RecordEncoder} turns it into bytes only when the stream is iterated.
 */
final class PlannedEvent {

  enum Type {
    CHAT,
    ORDER,
    MALFORMED,
    POISON,
    /** Schema version 3 ({@link AfterSalesScenario}): the event is {@link #payload}. */
    FEEDBACK,
    AFTER_SALES,
    AGENT
  }

  final BuyerKey buyer;
  final Type type;

  /** Event time; for a malformed record the emission time; for a poison record the ts written. */
  final long ts;

  /**
   * CHAT: message number in the buyer's timeline; ORDER: order number; MALFORMED: a seed; POISON:
   * the poison record's index.
   */
  final int number;

  /**
   * CHAT: SenderRole ordinal; ORDER: OrderStatus ordinal; MALFORMED: MalformedKind ordinal; POISON:
   * PoisonKind ordinal.
   */
  final byte code;

  /** CHAT: agent index or -1; MALFORMED, POISON: 0 = chat topic, 1 = order topic. */
  final short agent;

  /** CHAT, chat POISON: text id; ORDER: refund reason text id or -1. */
  final short text;

  /** CHAT: conversation number. */
  final short conversation;

  /** ORDER, order POISON: amount in cents. */
  final long amountCents;

  /** FEEDBACK, AFTER_SALES, AGENT: the event itself (built once; these are few). */
  Object payload;

  /** A conflicting duplicate (POISON): the event whose id it repeats. */
  PlannedEvent original;

  long emitAt;
  int seq;
  GeneratedRecord.Kind kind;

  PlannedEvent(
      BuyerKey buyer,
      Type type,
      long ts,
      int number,
      int code,
      int agent,
      int text,
      int conversation,
      long amountCents) {
    this.buyer = buyer;
    this.type = type;
    this.ts = ts;
    this.number = number;
    this.code = (byte) code;
    this.agent = (short) agent;
    this.text = (short) text;
    this.conversation = (short) conversation;
    this.amountCents = amountCents;
    this.emitAt = ts;
    this.kind = buyer.late ? GeneratedRecord.Kind.LATE : GeneratedRecord.Kind.ON_TIME;
  }

  /** A second emission of the same event: identical bytes. */
  PlannedEvent duplicate(long emitAt) {
    PlannedEvent copy =
        new PlannedEvent(buyer, type, ts, number, code, agent, text, conversation, amountCents);
    copy.payload = payload;
    copy.emitAt = emitAt;
    copy.kind = GeneratedRecord.Kind.DUPLICATE;
    return copy;
  }

  String topic(GeneratorConfig config) {
    return switch (type) {
      case FEEDBACK -> config.feedbackTopic();
      case AFTER_SALES -> config.afterSalesTopic();
      case AGENT -> config.agentTopic();
      default -> isChatTopic() ? config.chatTopic() : config.orderTopic();
    };
  }

  boolean isChatTopic() {
    return type == Type.CHAT || ((type == Type.MALFORMED || type == Type.POISON) && agent == 0);
  }
}
