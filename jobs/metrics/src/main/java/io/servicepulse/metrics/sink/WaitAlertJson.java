// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.metrics.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.servicepulse.metrics.wait.WaitAlert;
import org.apache.flink.api.common.serialization.SerializationSchema;

/**
 * A waiting-buyer alert as JSON for the Kafka alerts topic, with the same field names as the {@code
 * wait_alerts} columns, for chat-bot webhooks (DingTalk, WeCom) and paging.
 */
public final class WaitAlertJson implements SerializationSchema<WaitAlert> {

  private transient ObjectMapper mapper;

  @Override
  public byte[] serialize(WaitAlert a) {
    if (mapper == null) {
      mapper = new ObjectMapper();
    }
    ObjectNode n = mapper.createObjectNode();
    n.put("alert_id", a.alertId());
    n.put("turn_id", a.turnId);
    n.put("platform", a.platform);
    n.put("shop_id", a.shopId);
    n.put("team_id", a.teamId);
    n.put("agent_id", a.agentId);
    n.put("buyer_id", a.buyerId);
    n.put("turn_start_ms", a.turnStartMs);
    n.put("threshold_ms", a.thresholdMs);
    n.put("status", a.status);
    n.put("answer_ms", a.answerMs);
    n.put("waited_ms", a.waitedMs);
    n.put("deleted", a.retracted);
    n.put("version", a.version);
    n.put("emitted_ms", a.emittedMs);
    try {
      return mapper.writeValueAsBytes(n);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write alert " + a, e);
    }
  }
}
