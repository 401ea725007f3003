// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.clickhouse;

import io.servicepulse.common.config.JobConfig;

/** {@code java ... MigrateCommand --clickhouse.url jdbc:clickhouse://host:port/db}. */
public final class MigrateCommand {

  private MigrateCommand() {}

  public static void main(String[] args) throws Exception {
    JobConfig config = JobConfig.fromArgs(args);
    ClickHouseConnectionFactory connections = ClickHouseConnectionFactory.from(config);
    var applied = new ClickHouseMigrations(connections).migrate();
    System.out.println(
        "ClickHouse schema of "
            + connections.url()
            + " is current ("
            + applied.size()
            + " migration(s) applied now)");
  }
}
