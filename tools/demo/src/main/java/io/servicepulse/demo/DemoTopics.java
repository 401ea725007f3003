// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.demo;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/** Gives the demo fresh topics each run, so its counts start from zero. */
final class DemoTopics {

  private DemoTopics() {}

  static void recreate(String bootstrapServers, List<String> topics, int partitions)
      throws ExecutionException, InterruptedException, TimeoutException {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      List<String> stale = topics.stream().filter(names(admin)::contains).toList();
      if (!stale.isEmpty()) {
        admin.deleteTopics(stale).all().get();
      }
      // The broker finishes a deletion asynchronously; the names are free once unlisted.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!Collections.disjoint(names(admin), topics)) {
        if (System.nanoTime() > deadline) {
          throw new TimeoutException("Kafka did not finish deleting " + stale);
        }
        TimeUnit.MILLISECONDS.sleep(200);
      }
      admin
          .createTopics(topics.stream().map(t -> new NewTopic(t, partitions, (short) 1)).toList())
          .all()
          .get();
    }
  }

  private static Set<String> names(Admin admin) throws ExecutionException, InterruptedException {
    return admin.listTopics().names().get();
  }
}
