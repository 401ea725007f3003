// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.metrics.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.servicepulse.metrics.wait.WaitAlert;
import org.junit.jupiter.api.Test;

class WaitAlertJsonTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void everyColumnUnderItsNameNullsAsNull() throws Exception {
    WaitAlert a = new WaitAlert();
    a.shopId = "店铺-\"甲\"";
    a.buyerId = "buyer\\1";
    a.platform = "taobao";
    a.turnId = "t-1";
    a.turnStartMs = 1_796_000_000_000L;
    a.thresholdMs = 180_000;
    a.status = WaitAlert.ANSWERED;
    a.agentId = null;
    a.teamId = "售前 team";
    a.answerMs = 1_796_000_200_000L;
    a.waitedMs = 200_000;
    a.retracted = true;
    a.version = 7;
    a.emittedMs = 1_796_000_200_123L;
    WaitAlertJson json = new WaitAlertJson();

    JsonNode n = MAPPER.readTree(json.serialize(a));
    // The same schema again: the buffer is reused.
    JsonNode again = MAPPER.readTree(json.serialize(a));

    assertThat(n.get("alert_id").asText()).isEqualTo(a.alertId());
    assertThat(n.get("turn_id").asText()).isEqualTo("t-1");
    assertThat(n.get("platform").asText()).isEqualTo("taobao");
    assertThat(n.get("shop_id").asText()).isEqualTo("店铺-\"甲\"");
    assertThat(n.get("team_id").asText()).isEqualTo("售前 team");
    assertThat(n.get("agent_id").isNull()).isTrue();
    assertThat(n.get("buyer_id").asText()).isEqualTo("buyer\\1");
    assertThat(n.get("turn_start_ms").asLong()).isEqualTo(1_796_000_000_000L);
    assertThat(n.get("threshold_ms").asLong()).isEqualTo(180_000);
    assertThat(n.get("status").asText()).isEqualTo("ANSWERED");
    assertThat(n.get("answer_ms").asLong()).isEqualTo(1_796_000_200_000L);
    assertThat(n.get("waited_ms").asLong()).isEqualTo(200_000);
    assertThat(n.get("deleted").asBoolean()).isTrue();
    assertThat(n.get("version").asLong()).isEqualTo(7);
    assertThat(n.get("emitted_ms").asLong()).isEqualTo(1_796_000_200_123L);
    assertThat(n.size()).isEqualTo(15);
    assertThat(again).isEqualTo(n);
  }
}
