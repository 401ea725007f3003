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
import java.util.Arrays;
import java.util.Map;

/**
 * The console's commands:
 *
 * <pre>
 * serve       [--review.port 8090] [--clickhouse.url jdbc:clickhouse://host:9000/db] ...
 * create-user --username NAME --role reviewer|qa_lead|agent|manager --shops s1,s2
 *             [--agent-id ID] [--clickhouse.url ...]   (prints the generated password)
 * </pre>
 *
 * Both apply the ClickHouse migrations first.
 */
public final class ReviewMain {

  private ReviewMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println("usage: ReviewMain serve|create-user [options]; see review/README.md");
      System.exit(2);
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    switch (args[0]) {
      case "serve" -> serve(rest);
      case "create-user" -> System.out.println(createUser(rest, System.getenv()));
      default -> {
        System.err.println("unknown command " + args[0] + "; serve or create-user");
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
    java.util.List<String> rest = new java.util.ArrayList<>();
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
    String password = Passwords.generate();
    store.saveAccount(
        new StoredAccount(account, Passwords.hash(password), System.currentTimeMillis()));
    return "created "
        + account.role().words().id()
        + " "
        + username
        + " for shops "
        + account.shopsText()
        + (agentId.isEmpty() ? "" : " as agent " + agentId)
        + "; password: "
        + password;
  }

  static ReviewStore migratedStore(JobConfig config) throws Exception {
    ClickHouseConnectionFactory connections = ClickHouseConnectionFactory.from(config);
    new ClickHouseMigrations(connections).migrate();
    return new ReviewStore(connections);
  }
}
