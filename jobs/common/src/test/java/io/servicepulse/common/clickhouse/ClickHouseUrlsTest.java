// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.clickhouse;

import static io.servicepulse.common.clickhouse.ClickHouseUrls.NATIVE_DRIVER;
import static io.servicepulse.common.clickhouse.ClickHouseUrls.OFFICIAL_DRIVER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicepulse.common.config.JobConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClickHouseUrlsTest {

  @Test
  void databaseAndServerUrlOfEveryUrlForm() {
    assertThat(ClickHouseUrls.database("jdbc:clickhouse://h:9000/sp")).isEqualTo("sp");
    assertThat(ClickHouseUrls.database("jdbc:clickhouse://h:9000")).isEqualTo("default");
    assertThat(ClickHouseUrls.database("jdbc:clickhouse:https://h:8443/sp?ssl=true"))
        .isEqualTo("sp");
    assertThat(ClickHouseUrls.serverUrl("jdbc:clickhouse://h:9000/sp?x=1"))
        .isEqualTo("jdbc:clickhouse://h:9000/default?x=1");
    assertThat(ClickHouseUrls.serverUrl("jdbc:clickhouse:https://h:8443/sp?ssl=true"))
        .isEqualTo("jdbc:clickhouse:https://h:8443/default?ssl=true");
    assertThat(ClickHouseUrls.serverUrl("jdbc:ch://h:8123/sp"))
        .isEqualTo("jdbc:ch://h:8123/default");
  }

  @Test
  void eachDriverTakesItsOwnProtocolsPorts() {
    assertThatCode(() -> ClickHouseUrls.checkFits(NATIVE_DRIVER, "jdbc:clickhouse://h:9000/sp"))
        .doesNotThrowAnyException();
    assertThatCode(() -> ClickHouseUrls.checkFits(OFFICIAL_DRIVER, "jdbc:clickhouse://h:8123/sp"))
        .doesNotThrowAnyException();
    assertThatCode(
            () ->
                ClickHouseUrls.checkFits(
                    OFFICIAL_DRIVER, "jdbc:clickhouse://abc.clickhouse.cloud:8443/sp?ssl=true"))
        .doesNotThrowAnyException();
    // Ports of a non-default server are the operator's business.
    assertThatCode(() -> ClickHouseUrls.checkFits(NATIVE_DRIVER, "jdbc:clickhouse://h:19000/sp"))
        .doesNotThrowAnyException();
    assertThatCode(() -> ClickHouseUrls.checkFits("org.other.Driver", "jdbc:other://h:9000/sp"))
        .doesNotThrowAnyException();
  }

  @Test
  void theNativeDriverOnAnHttpPortOrWithTlsIsRefusedNamingTheOtherDriver() {
    assertThatThrownBy(() -> ClickHouseUrls.checkFits(NATIVE_DRIVER, "jdbc:clickhouse://h:8123/sp"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("port 8123 is ClickHouse's HTTP(S) port")
        .hasMessageContaining("clickhouse.driver=" + OFFICIAL_DRIVER);
    assertThatThrownBy(
            () -> ClickHouseUrls.checkFits(NATIVE_DRIVER, "jdbc:clickhouse://h:9001/sp?ssl=true"))
        .hasMessageContaining("the native driver has no TLS");
    assertThatThrownBy(
            () -> ClickHouseUrls.checkFits(NATIVE_DRIVER, "jdbc:clickhouse:https://h:9001/sp"))
        .hasMessageContaining("reads only jdbc:clickhouse://");
  }

  @Test
  void theOfficialDriverOnTheNativePortIsRefusedNamingTheOtherDriver() {
    assertThatThrownBy(
            () -> ClickHouseUrls.checkFits(OFFICIAL_DRIVER, "jdbc:clickhouse://h:9000/sp"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("port 9000 is ClickHouse's native TCP port")
        .hasMessageContaining("clickhouse.driver=" + NATIVE_DRIVER);
    assertThatThrownBy(
            () -> ClickHouseUrls.checkFits(OFFICIAL_DRIVER, "jdbc:clickhouse://h:9440/sp?ssl=true"))
        .hasMessageContaining("port 9440");
  }

  @Test
  void theFactoryRefusesAMisfitWhenTheJobIsBuilt() {
    JobConfig config =
        JobConfig.of(
            Map.of(
                "clickhouse.driver",
                OFFICIAL_DRIVER,
                "clickhouse.url",
                "jdbc:clickhouse://127.0.0.1:9000/servicepulse"));
    assertThatThrownBy(() -> ClickHouseConnectionFactory.from(config))
        .hasMessageContaining("does not fit clickhouse.driver " + OFFICIAL_DRIVER);
    // The default driver and URL fit.
    assertThatCode(() -> ClickHouseConnectionFactory.from(JobConfig.of(Map.of())))
        .doesNotThrowAnyException();
  }

  @Test
  void eachDriverGetsItsTimeoutsInItsOwnNamesAndUnits() {
    assertThat(withTimeouts(OFFICIAL_DRIVER, "jdbc:clickhouse://h:8123/sp").properties())
        .containsEntry("user", "u")
        .containsEntry("connection_timeout", "1500")
        .containsEntry("socket_timeout", "30000")
        .doesNotContainKey("query_timeout");
    assertThat(withTimeouts(NATIVE_DRIVER, "jdbc:clickhouse://h:9000/sp").properties())
        .containsEntry("connect_timeout", "2")
        .containsEntry("query_timeout", "30")
        .doesNotContainKey("socket_timeout");
  }

  /** Connect timeout 1.5 s, query timeout 30 s. */
  private static ClickHouseConnectionFactory withTimeouts(String driver, String url) {
    return new ClickHouseConnectionFactory(
        driver, url, "u", "p", Duration.ofMillis(1500), Duration.ofSeconds(30));
  }
}
