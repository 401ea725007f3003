package io.servicepulse.common.decode;

import io.servicepulse.common.deadletter.DeadLetters;
import io.servicepulse.events.ChatMessage;
import io.servicepulse.events.OrderEvent;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * A job's first two operators: the source of decoded records (with the job's watermarks, made per
 * Kafka partition), then the dead letters split off to the {@link DeadLetters#TAG} side output.
 * Operator uids are {@code <uidPrefix>-chat-source}/{@code -decode-chat} and {@code
 * -order-source}/{@code -decode-orders}, as before decoding moved into the source, so savepoints
 * keep matching.
 */
public final class DecodedStreams {

  private DecodedStreams() {}

  public static SingleOutputStreamOperator<ChatMessage> chatMessages(
      StreamExecutionEnvironment env,
      Source<Decoded<ChatMessage>, ?, ?> source,
      WatermarkStrategy<Decoded<ChatMessage>> watermarks,
      String uidPrefix) {
    return env.fromSource(
            source, watermarks, "Kafka chat-messages", Decoded.typeOf(ChatMessage.class))
        .uid(uidPrefix + "-chat-source")
        .process(new DeadLettersApart<ChatMessage>())
        .returns(ChatMessage.class)
        .uid(uidPrefix + "-decode-chat")
        .name("dead letters apart (chat)");
  }

  public static SingleOutputStreamOperator<OrderEvent> orderEvents(
      StreamExecutionEnvironment env,
      Source<Decoded<OrderEvent>, ?, ?> source,
      WatermarkStrategy<Decoded<OrderEvent>> watermarks,
      String uidPrefix) {
    return env.fromSource(
            source, watermarks, "Kafka order-events", Decoded.typeOf(OrderEvent.class))
        .uid(uidPrefix + "-order-source")
        .process(new DeadLettersApart<OrderEvent>())
        .returns(OrderEvent.class)
        .uid(uidPrefix + "-decode-orders")
        .name("dead letters apart (orders)");
  }

  /** Events go on, dead letters to the side output; chained to the source, so nothing is copied. */
  static final class DeadLettersApart<T> extends ProcessFunction<Decoded<T>, T> {
    @Override
    public void processElement(Decoded<T> record, Context ctx, Collector<T> out) {
      if (record.isEvent()) {
        out.collect(record.event);
      } else {
        ctx.output(DeadLetters.TAG, record.deadLetter);
      }
    }
  }
}
