// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.aftersales;

import static io.servicepulse.common.testing.EventFixtures.afterSales;
import static io.servicepulse.common.testing.EventFixtures.agentStatus;
import static io.servicepulse.common.testing.EventFixtures.noCosts;
import static io.servicepulse.common.testing.EventFixtures.rating;
import static io.servicepulse.common.testing.EventFixtures.secs;
import static io.servicepulse.common.testing.EventFixtures.transfer;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicepulse.aftersales.kpi.KpiRow;
import io.servicepulse.common.config.JobConfig;
import io.servicepulse.common.deadletter.DeadLetter;
import io.servicepulse.common.decode.EventKind;
import io.servicepulse.common.kafka.RawRecord;
import io.servicepulse.common.testing.CollectingSink;
import io.servicepulse.common.testing.RecordSources;
import io.servicepulse.events.AfterSalesEvent;
import io.servicepulse.events.AfterSalesStatus;
import io.servicepulse.events.AfterSalesType;
import io.servicepulse.events.AgentEvent;
import io.servicepulse.events.AgentStatus;
import io.servicepulse.events.ServiceFeedback;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AfterSalesJobTest {

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  private final CollectingSink<ServiceFeedback> feedbackOut = new CollectingSink<>();
  private final CollectingSink<AfterSalesEvent> afterSalesOut = new CollectingSink<>();
  private final CollectingSink<AgentEvent> agentOut = new CollectingSink<>();
  private final CollectingSink<KpiRow> kpiOut = new CollectingSink<>();
  private final CollectingSink<DeadLetter> deadOut = new CollectingSink<>();

  private void run(List<RawRecord> feedback, List<RawRecord> afterSales, List<RawRecord> agents)
      throws Exception {
    // As in production (StreamingJobs): object reuse, and no Kryo fallback for any type.
    Configuration conf = new Configuration();
    conf.set(PipelineOptions.OBJECT_REUSE, true);
    conf.set(PipelineOptions.GENERIC_TYPES, false);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setParallelism(1); // one reader: the first copy read is the first in the list
    AfterSalesJob.defineWorkflow(
        env,
        RecordSources.of(EventKind.FEEDBACK, AfterSalesJob.NAME, feedback),
        RecordSources.of(EventKind.AFTER_SALES, AfterSalesJob.NAME, afterSales),
        RecordSources.of(EventKind.AGENT, AfterSalesJob.NAME, agents),
        JobConfig.of(Map.of()),
        (f, a, g, k, d) -> {
          f.sinkTo(feedbackOut);
          a.sinkTo(afterSalesOut);
          g.sinkTo(agentOut);
          k.sinkTo(kpiOut);
          d.sinkTo(deadOut);
        });
    env.execute("aftersales test");
  }

  @Test
  void validEventsBecomeFactsAndEveryBadRecordADeadLetter() throws Exception {
    ServiceFeedback bad = rating(secs(0), "fb-1", 0, "agent-1", 2).build();
    ServiceFeedback modified = rating(secs(3600), "fb-1", 1, "agent-1", 5).build();
    ServiceFeedback noStars = rating(secs(10), "fb-2", 0, "agent-1", 0).build();
    List<RawRecord> feedback =
        new ArrayList<>(
            RecordSources.records(
                "feedback", ServiceFeedback.class, List.of(bad, modified, noStars)));
    feedback.add(RecordSources.raw("feedback", 3, "not avro".getBytes()));

    AfterSalesEvent opened =
        afterSales(secs(0), "as-1", AfterSalesType.RESHIP, AfterSalesStatus.OPENED, null).build();
    AfterSalesEvent agreed =
        afterSales(secs(600), "as-1", AfterSalesType.RESHIP, AfterSalesStatus.AGREED, "agent-2")
            .setCosts(noCosts().setReship(new BigDecimal("23.90")).build())
            .build();
    AfterSalesEvent negative =
        afterSales(secs(700), "as-2", AfterSalesType.CASHBACK, AfterSalesStatus.AGREED, "agent-2")
            .setCosts(noCosts().setCashback(new BigDecimal("-5.00")).build())
            .build();
    List<RawRecord> cases =
        RecordSources.records(
            "after-sales", AfterSalesEvent.class, List.of(opened, agreed, negative));

    AgentEvent online = agentStatus(secs(0), "agent-1", AgentStatus.ONLINE);
    AgentEvent handOff = transfer(secs(30), "agent-1", "agent-2");
    AgentEvent toSelf = transfer(secs(40), "agent-1", "agent-1");
    List<RawRecord> agents =
        new ArrayList<>(
            RecordSources.records("agents", AgentEvent.class, List.of(online, handOff, toSelf)));
    agents.add(RecordSources.raw("agents", 3, new byte[0]));

    run(feedback, cases, agents);

    assertThat(feedbackOut.values()).containsExactlyInAnyOrder(bad, modified);
    assertThat(afterSalesOut.values()).containsExactlyInAnyOrder(opened, agreed);
    assertThat(agentOut.values()).containsExactlyInAnyOrder(online, handOff);
    assertThat(deadOut.values())
        .extracting(d -> d.sourceTopic + "@" + d.sourceOffset + " " + d.stage + " " + d.reason)
        .containsExactlyInAnyOrder(
            "feedback@2 invalid rating out of range",
            "feedback@3 decode BAD_HEADER",
            "after-sales@2 invalid missing or negative cost",
            "agents@2 invalid TRANSFER to the same agent",
            "agents@3 decode EMPTY");
    assertThat(deadOut.values()).allSatisfy(d -> assertThat(d.job).isEqualTo("aftersales"));
  }

  @Test
  void anEventIdIsOneEventOnEveryNewTopic() throws Exception {
    ServiceFeedback first = rating(secs(0), "fb-1", 0, "agent-1", 2).build();
    ServiceFeedback otherRating = ServiceFeedback.newBuilder(first).setRating(4).build();
    AfterSalesEvent paid =
        afterSales(secs(0), "as-1", AfterSalesType.CASHBACK, AfterSalesStatus.CLOSED, "agent-2")
            .setCosts(noCosts().setCashback(new BigDecimal("10.00")).build())
            .build();
    AfterSalesEvent otherCost =
        AfterSalesEvent.newBuilder(paid)
            .setCosts(noCosts().setCashback(new BigDecimal("20.00")).build())
            .build();
    AgentEvent away = agentStatus(secs(0), "agent-1", AgentStatus.AWAY);

    run(
        RecordSources.records(
            "feedback", ServiceFeedback.class, List.of(first, first, otherRating)),
        RecordSources.records("after-sales", AfterSalesEvent.class, List.of(paid, otherCost)),
        RecordSources.records("agents", AgentEvent.class, List.of(away, away)));

    assertThat(feedbackOut.values()).containsExactly(first);
    assertThat(afterSalesOut.values()).containsExactly(paid);
    assertThat(agentOut.values()).containsExactly(away);
    assertThat(deadOut.values())
        .extracting(d -> d.reason + " " + d.eventId)
        .containsExactlyInAnyOrder(
            "conflicting duplicate " + first.getEventId(),
            "conflicting duplicate " + paid.getEventId(),
            // A case closed without having been opened cannot be put on its opening day's row.
            "no opening event within the KPI correction window " + paid.getEventId());
  }

  @Test
  void kpiRowsEndWithTheRevisedRatingTheLatePayoutAndTheShiftTime() throws Exception {
    ServiceFeedback bad = rating(secs(0), "fb-1", 0, "agent-1", 1).build();
    ServiceFeedback good =
        rating(secs(86_400), "fb-1", 1, "agent-1", 5)
            .setResponsibility(io.servicepulse.events.Responsibility.NONE)
            .build();
    AfterSalesEvent opened =
        afterSales(secs(60), "as-1", AfterSalesType.CASHBACK, AfterSalesStatus.OPENED, "agent-1")
            .build();
    AfterSalesEvent closed =
        afterSales(secs(7_260), "as-1", AfterSalesType.CASHBACK, AfterSalesStatus.CLOSED, "agent-1")
            .build();
    AfterSalesEvent latePayout =
        AfterSalesEvent.newBuilder(closed)
            .setEventId("as-1:CLOSED:cashback")
            .setCosts(noCosts().setCashback(new BigDecimal("8.80")).build())
            .setTs(closed.getTs().plusSeconds(3 * 86_400))
            .build();
    AgentEvent online = agentStatus(secs(0), "agent-1", AgentStatus.ONLINE);
    AgentEvent offline = agentStatus(secs(3_600), "agent-1", AgentStatus.OFFLINE);

    run(
        RecordSources.records("feedback", ServiceFeedback.class, List.of(bad, good)),
        RecordSources.records(
            "after-sales", AfterSalesEvent.class, List.of(opened, closed, latePayout)),
        RecordSources.records("agents", AgentEvent.class, List.of(online, offline)));

    Map<String, KpiRow> latest = new TreeMap<>();
    for (KpiRow r : kpiOut.values()) {
      latest.merge(r.rowKey(), r, (a, b) -> a.version > b.version ? a : b);
    }
    assertThat(latest).hasSize(1);
    assertThat(latest.values().iterator().next().counts.figures())
        .isEqualTo(
            "1 0 0 0 1 0 0 1 1 1 | 1 0 0 0 1 1 7200000 8.80 0.00 0.00 0.00 | 0 0 3600000 0 0");
    assertThat(deadOut.values()).isEmpty();
  }
}
