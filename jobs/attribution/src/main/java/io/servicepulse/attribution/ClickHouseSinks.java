// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.attribution;

import io.servicepulse.common.clickhouse.ClickHouseSink;
import io.servicepulse.common.config.JobConfig;
import io.servicepulse.common.deadletter.DeadLetter;
import io.servicepulse.common.deadletter.DeadLetterSinks;
import org.apache.flink.streaming.api.datastream.DataStream;

/** The production sinks of {@link AttributionJob}: one ClickHouse table per output. */
public final class ClickHouseSinks implements AttributionJob.Sinks {

  private final JobConfig config;

  public ClickHouseSinks(JobConfig config) {
    this.config = config;
  }

  @Override
  public void attach(
      DataStream<OrderAttributionFact> orders,
      DataStream<InquiryFact> inquiries,
      DataStream<ConversionRow> agentRows,
      DataStream<ConversionRow> silentRows,
      DataStream<DeadLetter> deadLetters) {
    String job = AttributionJob.NAME;
    orders
        .sinkTo(ClickHouseSink.of(job, new OrderAttributionTable(), config))
        .uid("attribution-orders-sink")
        .name("order_attribution -> ClickHouse");
    inquiries
        .sinkTo(ClickHouseSink.of(job, new InquiryTable(), config))
        .uid("attribution-inquiries-sink")
        .name("inquiries -> ClickHouse");
    agentRows
        .sinkTo(ClickHouseSink.of(job, new AgentConversionTable(), config))
        .uid("attribution-agent-rows-sink")
        .name("agent_conversion_daily -> ClickHouse");
    silentRows
        .sinkTo(ClickHouseSink.of(job, new ShopSilentTable(), config))
        .uid("attribution-silent-rows-sink")
        .name("shop_silent_daily -> ClickHouse");
    DeadLetterSinks.attach(job, deadLetters, config);
  }
}
