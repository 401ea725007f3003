// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicepulse.dashboards.PanelQueryExpander.Selection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The expansions the plugin produces (pkg/macros/macros.go, CHDatasource.ts), one per case. */
class PanelQueryExpanderTest {

  private static final Instant FROM = Instant.parse("2025-06-01T16:00:00Z");
  private static final Instant TO = Instant.parse("2025-06-01T17:00:00.900Z");

  private static PanelQueryExpander expander(Map<String, Selection> vars) {
    return new PanelQueryExpander(FROM, TO, 30, vars);
  }

  @Test
  void timeFilterComparesTheColumnWithWholeSecondDateTimes() {
    assertThat(expander(Map.of()).expand("WHERE $__timeFilter( minute )"))
        .isEqualTo("WHERE minute >= toDateTime(1748793600) AND minute <= toDateTime(1748797200)");
  }

  @Test
  void fromToAndIntervalSeconds() {
    assertThat(expander(Map.of()).expand("$__fromTime $__toTime intDiv(x, $__interval_s)"))
        .isEqualTo("toDateTime(1748793600) toDateTime(1748797200) intDiv(x, 30)");
    assertThat(new PanelQueryExpander(FROM, TO, 0, Map.of()).expand("$__interval_s"))
        .isEqualTo("1");
  }

  @Test
  void macrosWhoseExpansionClickHouse18LacksAreRefused() {
    for (String sql :
        List.of(
            "$__timeInterval(ts)",
            "$__timeGroup(ts, 1m)",
            "$__fromTime_ms",
            "$__timeFilter_ms(ts)",
            "$__timeInterval_ms(ts)")) {
      assertThatThrownBy(() -> expander(Map.of()).expand(sql))
          .as(sql)
          .hasMessageContaining("18.16.1");
    }
  }

  @Test
  void conditionalAllIsOneEqualsOneForAllAndThePhraseOtherwise() {
    String sql = "a AND $__conditionalAll(agent_id IN (${agent:sqlstring}), $agent) AND b";
    assertThat(expander(Map.of("agent", Selection.allOf(List.of("a1", "a2")))).expand(sql))
        .isEqualTo("a AND 1=1 AND b");
    assertThat(expander(Map.of("agent", Selection.of(List.of("a1", "a2")))).expand(sql))
        .isEqualTo("a AND agent_id IN ('a1','a2') AND b");
  }

  @Test
  void allWithoutConditionalAllExpandsToEveryOption() {
    assertThat(
            expander(Map.of("shop", Selection.allOf(List.of("s1", "s2"))))
                .expand("shop_id IN (${shop:sqlstring})"))
        .isEqualTo("shop_id IN ('s1','s2')");
  }

  @Test
  void sqlstringEscapesQuotesWhileThePluginDefaultDoesNot() {
    Map<String, Selection> vars =
        Map.of("buyer", Selection.single("o'brien"), "shops", Selection.of(List.of("x")));
    assertThat(expander(vars).expand("${buyer:sqlstring}")).isEqualTo("'o''brien'");
    assertThat(expander(vars).expand("$buyer")).isEqualTo("o'brien");
    assertThat(expander(vars).expand("[[shops]] ${shops}")).isEqualTo("'x' 'x'");
  }

  @Test
  void unknownVariablesAndGrafanaBuiltinsAreLeftAlone() {
    assertThat(expander(Map.of()).expand("$nosuch ${__data.fields.x}"))
        .isEqualTo("$nosuch ${__data.fields.x}");
  }
}
