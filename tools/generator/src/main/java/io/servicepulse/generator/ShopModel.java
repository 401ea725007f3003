// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** One shop of the scenario: platform, currency, language and its agents (each in one team). */
final class ShopModel {

  static final String[] PLATFORMS = {
    "taobao", "tmall", "pinduoduo", "jd", "douyin", "kuaishou", "web-en"
  };

  final int index;
  final String id;
  final String platform;
  final String currency;
  final Texts.Lang lang;
  final String[] agentIds;
  final String[] agentTeams;

  /** Per-agent response-time multiplier: some agents are quicker than others. */
  final double[] agentSpeed;

  ShopModel(int index, String platform, int teams, int agentsPerTeam, Random rng) {
    this.index = index;
    this.id = String.format("shop-%02d", index + 1);
    this.platform = platform;
    boolean english = platform.equals("web-en");
    this.currency = english ? "USD" : "CNY";
    this.lang = english ? Texts.Lang.EN : Texts.Lang.ZH;
    int agents = teams * agentsPerTeam;
    agentIds = new String[agents];
    agentTeams = new String[agents];
    agentSpeed = new double[agents];
    for (int a = 0; a < agents; a++) {
      agentIds[a] = String.format("%s-a%02d", id, a + 1);
      agentTeams[a] = String.format("%s-t%d", id, a / agentsPerTeam + 1);
      agentSpeed[a] = 0.6 + rng.nextDouble();
    }
  }

  static List<ShopModel> build(GeneratorConfig config) {
    Random rng = Rngs.derive(config.seed(), 1);
    List<ShopModel> shops = new ArrayList<>();
    for (int s = 0; s < config.shops(); s++) {
      shops.add(
          new ShopModel(
              s,
              PLATFORMS[s % PLATFORMS.length],
              config.teamsPerShop(),
              config.agentsPerTeam(),
              rng));
    }
    return shops;
  }

  int agents() {
    return agentIds.length;
  }

  /** The agent id, or null for "no agent" (index -1). */
  String agentId(int agent) {
    return agent < 0 ? null : agentIds[agent];
  }

  String teamId(int agent) {
    return agent < 0 ? null : agentTeams[agent];
  }
}
