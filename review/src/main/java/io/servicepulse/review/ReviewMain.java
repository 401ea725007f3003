// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review;

import io.servicepulse.common.clickhouse.ClickHouseConnectionFactory;
import io.servicepulse.common.clickhouse.ClickHouseMigrations;
import io.servicepulse.common.config.JobConfig;
import io.servicepulse.review.auth.Account;
import io.servicepulse.review.auth.Passwords;
import io.servicepulse.review.auth.Role;
import io.servicepulse.review.store.ReviewStore;
import io.servicepulse.review.store.StoredAccount;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The console's commands:
 *
 * <pre>
 * serve       [--review.port 8090] [--clickhouse.url jdbc:clickhouse://host:9000/db] ...
 * create-user --username NAME --role reviewer|qa_lead|agent|manager --shops s1,s2
 *             [--agent-id ID] [--clickhouse.url ...]   (prints the generated password)
 * disable-user --username NAME [--clickhouse.url ...]   (no more logins; sessions end when idle)
 * demo-users  [--clickhouse.url ...]   (accounts for every shop with flags; prints passwords)
 * </pre>
 *
 * Both apply the ClickHouse migrations first.
 */
public final class ReviewMain {

  private ReviewMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println(
          "usage: ReviewMain serve|create-user|disable-user|demo-users [options]; see review/README.md");
      System.exit(2);
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    switch (args[0]) {
      case "serve" -> serve(rest);
      case "create-user" -> System.out.println(createUser(rest, System.getenv()));
      case "demo-users" -> demoUsers(rest, System.getenv()).forEach(System.out::println);
      case "disable-user" -> System.out.println(disableUser(rest, System.getenv()));
      default -> {
        System.err.println(
            "unknown command " + args[0] + "; serve, create-user, disable-user or demo-users");
        System.exit(2);
      }
    }
  }

  static void serve(String[] args) throws Exception {
    ReviewSettings.Parsed parsed = ReviewSettings.parse(args, System.getenv());
    ReviewStore store = migratedStore(JobConfig.fromArgs(parsed.rest()));
    ReviewServer server = new ReviewServer(store, parsed.settings(), Clock.systemUTC());
    int port = server.start();
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    System.out.println(
        "ServicePulse QA review console: http://" + parsed.settings().bind() + ":" + port + "/");
  }

  /** Creates or replaces an account with a generated password; returns the line to print. */
  static String createUser(String[] args, Map<String, String> env) throws Exception {
    String username = null;
    String role = null;
    String shops = null;
    String agentId = "";
    List<String> rest = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--username" -> username = args[++i];
        case "--role" -> role = args[++i];
        case "--shops" -> shops = args[++i];
        case "--agent-id" -> agentId = args[++i];
        default -> {
          rest.add(args[i]);
          if (value != null && !args[i].contains("=")) {
            rest.add(args[++i]);
          }
        }
      }
    }
    if (username == null || role == null || shops == null) {
      throw new IllegalArgumentException("create-user needs --username, --role and --shops");
    }
    if (!username.matches("[A-Za-z0-9_.@-]{1,64}")) {
      throw new IllegalArgumentException("username: 1-64 of letters, digits, _ . @ -");
    }
    Account account =
        new Account(username, Role.parse(role), Account.parseShops(shops), agentId, false);
    if (account.shops().isEmpty()) {
      throw new IllegalArgumentException("--shops needs at least one shop id");
    }
    ReviewStore store = migratedStore(JobConfig.fromArgs(rest.toArray(String[]::new), env));
    return save(store, account);
  }

  /** Disables an account: it can no longer log in. Returns the line to print. */
  static String disableUser(String[] args, Map<String, String> env) throws Exception {
    if (args.length < 2 || !args[0].equals("--username")) {
      throw new IllegalArgumentException("disable-user needs --username NAME first");
    }
    String username = args[1];
    ReviewStore store =
        migratedStore(JobConfig.fromArgs(Arrays.copyOfRange(args, 2, args.length), env));
    StoredAccount stored =
        store
            .account(username)
            .orElseThrow(() -> new IllegalArgumentException("no account " + username));
    Account a = stored.account();
    store.saveAccount(
        new StoredAccount(
            new Account(a.username(), a.role(), a.shops(), a.agentId(), true),
            stored.passwordHash(),
            Math.max(System.currentTimeMillis(), stored.version() + 1)));
    return "disabled " + username;
  }

  /**
   * Accounts for a demo of whatever flags ClickHouse holds: a QA lead, a reviewer and a manager for
   * every shop with flags, and the agent with the most flags as an agent account. Returns one line
   * per account with its generated password.
   */
  static List<String> demoUsers(String[] args, Map<String, String> env) throws Exception {
    ReviewStore store = migratedStore(JobConfig.fromArgs(args, env));
    List<String[]> agents = store.flaggedAgents();
    if (agents.isEmpty()) {
      throw new IllegalStateException("no agent flags in qa_flags yet: run the demo or a QA job");
    }
    Set<String> shops = new java.util.TreeSet<>();
    agents.forEach(a -> shops.add(a[0]));
    List<String> lines = new ArrayList<>();
    lines.add(save(store, new Account("demo-lead", Role.QA_LEAD, shops, "", false)));
    lines.add(save(store, new Account("demo-reviewer", Role.REVIEWER, shops, "", false)));
    lines.add(save(store, new Account("demo-manager", Role.MANAGER, shops, "", false)));
    lines.add(
        save(
            store,
            new Account(
                "demo-agent", Role.AGENT, Set.of(agents.get(0)[0]), agents.get(0)[1], false)));
    return lines;
  }

  private static String save(ReviewStore store, Account account) throws Exception {
    String password = Passwords.generate();
    store.saveAccount(
        new StoredAccount(account, Passwords.hash(password), System.currentTimeMillis()));
    return "created "
        + account.role().words().id()
        + " "
        + account.username()
        + " for shops "
        + account.shopsText()
        + (account.agentId().isEmpty() ? "" : " as agent " + account.agentId())
        + "; password: "
        + password;
  }

  static ReviewStore migratedStore(JobConfig config) throws Exception {
    ClickHouseConnectionFactory connections = ClickHouseConnectionFactory.from(config);
    new ClickHouseMigrations(connections).migrate();
    return new ReviewStore(connections);
  }
}
