// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class ClickHouseConfigTest {

  private final ClickHouseConfig config =
      new ClickHouseConfig(19000, 18123, Path.of("/var/tmp/stack & co/clickhouse"));

  @Test
  void serverListensOnLoopbackOnlyOnTheTwoPorts() throws Exception {
    Document xml = parse(config.configXml());

    assertThat(text(xml, "/yandex/listen_host")).isEqualTo("127.0.0.1");
    assertThat(text(xml, "/yandex/tcp_port")).isEqualTo("19000");
    assertThat(text(xml, "/yandex/http_port")).isEqualTo("18123");
    assertThat(text(xml, "count(/yandex/*[contains(name(), 'port')])")).isEqualTo("2");
  }

  @Test
  void everyPathIsInsideTheStateDirWithTheRequiredTrailingSlash() throws Exception {
    Document xml = parse(config.configXml());

    assertThat(text(xml, "/yandex/path")).isEqualTo("/var/tmp/stack & co/clickhouse/data/");
    assertThat(text(xml, "/yandex/tmp_path")).isEqualTo("/var/tmp/stack & co/clickhouse/tmp/");
    assertThat(text(xml, "/yandex/user_files_path")).endsWith("/clickhouse/user_files/");
    assertThat(text(xml, "/yandex/format_schema_path")).endsWith("/clickhouse/format_schemas/");
    assertThat(text(xml, "/yandex/logger/log"))
        .isEqualTo("/var/tmp/stack & co/clickhouse/log/clickhouse-server.log");
    assertThat(text(xml, "/yandex/users_config"))
        .isEqualTo("/var/tmp/stack & co/clickhouse/users.xml");
    assertThat(config.directories()).contains(config.logDir());
  }

  @Test
  void cachesRequiredBy1816AreSet() throws Exception {
    Document xml = parse(config.configXml());

    assertThat(text(xml, "/yandex/mark_cache_size")).isEqualTo("5368709120");
    assertThat(text(xml, "/yandex/uncompressed_cache_size")).isNotEmpty();
  }

  @Test
  void defaultUserHasNoPasswordAndOnlyLoopbackAccess() throws Exception {
    Document xml = parse(config.usersXml());

    assertThat(text(xml, "/yandex/users/default/password")).isEmpty();
    assertThat(text(xml, "count(/yandex/users/default/networks/ip)")).isEqualTo("2");
    assertThat(text(xml, "/yandex/users/default/networks/ip[1]")).isEqualTo("::1");
    assertThat(text(xml, "/yandex/users/default/networks/ip[2]")).isEqualTo("127.0.0.1");
    assertThat(text(xml, "/yandex/users/default/profile")).isEqualTo("default");
    assertThat(text(xml, "count(/yandex/profiles/default)")).isEqualTo("1");
    assertThat(text(xml, "count(/yandex/quotas/default)")).isEqualTo("1");
  }

  private static Document parse(String xml) throws Exception {
    return DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  private static String text(Document xml, String xpath) throws Exception {
    return (String)
        XPathFactory.newInstance().newXPath().evaluate(xpath, xml, XPathConstants.STRING);
  }
}
