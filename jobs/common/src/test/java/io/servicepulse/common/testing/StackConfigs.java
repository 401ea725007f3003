// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.testing;

import io.servicepulse.common.config.JobConfig;
import io.servicepulse.stack.LocalStackExtension;
import java.util.HashMap;
import java.util.Map;

/** A {@link JobConfig} pointing at the test class's own Kafka topics and ClickHouse database. */
public final class StackConfigs {

  private StackConfigs() {}

  public static JobConfig forStack(LocalStackExtension stack, Map<String, String> overrides) {
    Map<String, String> values = new HashMap<>();
    values.put("kafka.bootstrap-servers", stack.bootstrapServers());
    values.put("kafka.chat-topic", stack.topic("chat-messages"));
    values.put("kafka.order-topic", stack.topic("order-events"));
    values.put("kafka.feedback-topic", stack.topic("feedback-events"));
    values.put("kafka.after-sales-topic", stack.topic("after-sales-events"));
    values.put("kafka.agent-topic", stack.topic("agent-events"));
    values.put("kafka.dead-letter-topic", stack.topic("dead-letters"));
    values.put("clickhouse.url", stack.clickHouseUrl());
    values.put("clickhouse.flush-interval", "200 ms");
    values.put("clickhouse.catch-up-flush-interval", "200 ms");
    values.put("job.checkpoint-interval", "1 s");
    values.putAll(overrides);
    return JobConfig.of(values);
  }

  /** For tests that need only ClickHouse (Kafka is then never started). */
  public static JobConfig forClickHouse(LocalStackExtension stack, Map<String, String> overrides) {
    Map<String, String> values = new HashMap<>();
    values.put("clickhouse.url", stack.clickHouseUrl());
    values.put("clickhouse.flush-interval", "200 ms");
    values.put("clickhouse.catch-up-flush-interval", "200 ms");
    values.putAll(overrides);
    return JobConfig.of(values);
  }
}
