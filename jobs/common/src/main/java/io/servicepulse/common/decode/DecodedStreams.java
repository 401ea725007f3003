package io.servicepulse.common.decode;

import io.servicepulse.common.kafka.RawRecord;
import io.servicepulse.events.ChatMessage;
import io.servicepulse.events.OrderEvent;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A job's first two operators: read raw records, decode them ({@link EventDecoder}; bad ones to the
 * {@link io.servicepulse.common.deadletter.DeadLetters#TAG} side output). Operator uids are {@code
 * <uidPrefix>-chat-source}/{@code -decode-chat} and {@code -order-source}/{@code -decode-orders},
 * so savepoints keep matching.
 */
public final class DecodedStreams {

  private DecodedStreams() {}

  public static SingleOutputStreamOperator<ChatMessage> chatMessages(
      StreamExecutionEnvironment env,
      Source<RawRecord, ?, ?> source,
      WatermarkStrategy<RawRecord> watermarks,
      String job,
      String uidPrefix,
      String schemasDir) {
    return env.fromSource(source, watermarks, "Kafka chat-messages")
        .uid(uidPrefix + "-chat-source")
        .process(EventDecoder.chatMessages(job, schemasDir))
        .returns(ChatMessage.class)
        .uid(uidPrefix + "-decode-chat")
        .name("decode ChatMessage");
  }

  public static SingleOutputStreamOperator<OrderEvent> orderEvents(
      StreamExecutionEnvironment env,
      Source<RawRecord, ?, ?> source,
      WatermarkStrategy<RawRecord> watermarks,
      String job,
      String uidPrefix,
      String schemasDir) {
    return env.fromSource(source, watermarks, "Kafka order-events")
        .uid(uidPrefix + "-order-source")
        .process(EventDecoder.orderEvents(job, schemasDir))
        .returns(OrderEvent.class)
        .uid(uidPrefix + "-decode-orders")
        .name("decode OrderEvent");
  }
}
