// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.demo;

import io.servicepulse.common.config.ServicePulseOptions;
import io.servicepulse.common.kafka.KafkaSources;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far each job's consumer group is behind the end of its topics, from the offsets the Kafka
 * source commits when a checkpoint completes: 0 means the job has read and checkpointed everything
 * written so far.
 */
final class ConsumerLag implements AutoCloseable {

  private final Admin admin;
  private final Map<String, List<String>> topicsByJob;
  private Map<TopicPartition, OffsetSpec> endOffsetRequest;

  /**
   * @param topicsByJob job name → the topics it reads, in display order; the job's consumer group
   *     has the default prefix, as in the local pipeline
   */
  ConsumerLag(String bootstrapServers, Map<String, List<String>> topicsByJob) {
    this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    this.topicsByJob = topicsByJob;
  }

  /** Job name → records not yet committed; a job that has committed nothing lags all. */
  Map<String, Long> byJob() throws ExecutionException, InterruptedException {
    var ends = admin.listOffsets(endOffsetRequest()).all().get();
    Map<String, Long> lag = new LinkedHashMap<>();
    for (var job : topicsByJob.entrySet()) {
      String group =
          KafkaSources.groupId(
              ServicePulseOptions.KAFKA_GROUP_ID_PREFIX.defaultValue(), job.getKey());
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      long behind = 0;
      for (var end : ends.entrySet()) {
        if (job.getValue().contains(end.getKey().topic())) {
          OffsetAndMetadata c = committed.get(end.getKey());
          behind += Math.max(0, end.getValue().offset() - (c == null ? 0 : c.offset()));
        }
      }
      lag.put(job.getKey(), behind);
    }
    return lag;
  }

  /** Every partition of the jobs' topics; the topics do not change during a run, so asked once. */
  private Map<TopicPartition, OffsetSpec> endOffsetRequest()
      throws ExecutionException, InterruptedException {
    if (endOffsetRequest == null) {
      Set<String> topics = new TreeSet<>();
      topicsByJob.values().forEach(topics::addAll);
      Map<TopicPartition, OffsetSpec> request = new HashMap<>();
      for (var topic : admin.describeTopics(topics).allTopicNames().get().values()) {
        topic
            .partitions()
            .forEach(
                p ->
                    request.put(
                        new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest()));
      }
      endOffsetRequest = request;
    }
    return endOffsetRequest;
  }

  /** True if every job has committed the end of its topics; false while Kafka is unreachable. */
  boolean caughtUp() throws InterruptedException {
    try {
      return byJob().values().stream().allMatch(l -> l == 0);
    } catch (ExecutionException e) {
      return false;
    }
  }

  @Override
  public void close() {
    admin.close();
  }
}
