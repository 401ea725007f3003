// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.stack;

import java.nio.file.Path;
import java.util.Properties;

/**
 * A single-node KRaft cluster: one process is both broker and controller (combined mode) with a
 * static quorum of itself, so storage formatting needs no voter UUIDs. Fine for a laptop, never for
 * production (see infra/README.md).
 *
 * @param brokerPort the PLAINTEXT listener clients use
 * @param controllerPort the KRaft controller listener, only used by the node itself
 * @param dataDir log.dirs, also holding the KRaft metadata log
 */
record KafkaBrokerConfig(int brokerPort, int controllerPort, Path dataDir) {

  static final int NODE_ID = 1;

  String bootstrapServers() {
    return Ports.LOOPBACK + ":" + brokerPort;
  }

  Properties serverProperties() {
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", String.valueOf(NODE_ID));
    p.setProperty(
        "controller.quorum.voters", NODE_ID + "@" + Ports.LOOPBACK + ":" + controllerPort);
    p.setProperty(
        "listeners",
        "PLAINTEXT://"
            + bootstrapServers()
            + ",CONTROLLER://"
            + Ports.LOOPBACK
            + ":"
            + controllerPort);
    p.setProperty("advertised.listeners", "PLAINTEXT://" + bootstrapServers());
    p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.setProperty("controller.listener.names", "CONTROLLER");
    p.setProperty("inter.broker.listener.name", "PLAINTEXT");
    p.setProperty("log.dirs", dataDir.toAbsolutePath().toString());
    p.setProperty("num.partitions", "1");
    // Internal topics default to replication factor 3, which one broker cannot satisfy.
    p.setProperty("offsets.topic.replication.factor", "1");
    p.setProperty("transaction.state.log.replication.factor", "1");
    p.setProperty("transaction.state.log.min.isr", "1");
    p.setProperty("share.coordinator.state.topic.replication.factor", "1");
    p.setProperty("share.coordinator.state.topic.min.isr", "1");
    // One partition each: the first consumer group and transaction do not wait for 50 to appear.
    p.setProperty("offsets.topic.num.partitions", "1");
    p.setProperty("transaction.state.log.num.partitions", "1");
    // Tests start consumer groups constantly; the default 3 s rebalance delay only slows them.
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    p.setProperty("auto.create.topics.enable", "true");
    return p;
  }
}
