// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.generator;

import io.servicepulse.generator.GeneratorConfig.Builder;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * {@code java -jar servicepulse-generator-<version>-cli.jar --bootstrap-servers HOST:PORT} (or
 * {@code --out-dir DIR}); {@code --help} lists every option.
 */
public final class GeneratorCli {

  /** One command-line option; {@code apply} is null for options that are not scenario settings. */
  private record Option(
      String name, String help, BiConsumer<GeneratorConfig.Builder, String> apply) {}

  private static final List<Option> OPTIONS =
      List.of(
          new Option("--bootstrap-servers", "Kafka bootstrap servers to write to", null),
          new Option("--out-dir", "write <topic>.records files and truth.json here instead", null),
          new Option("--truth", "ground truth JSON file (default truth.json / out-dir)", null),
          new Option("--chat-topic", "chat topic (default chat-messages)", Builder::chatTopic),
          new Option("--order-topic", "order topic (default order-events)", Builder::orderTopic),
          new Option(
              "--seed", "same seed, same bytes and truth (default 42)", longs(Builder::seed)),
          new Option(
              "--shops", "shops, platforms assigned in turn (default 3)", ints(Builder::shops)),
          new Option("--teams-per-shop", "teams per shop (default 2)", ints(Builder::teamsPerShop)),
          new Option(
              "--agents-per-team", "agents per team (default 3)", ints(Builder::agentsPerTeam)),
          new Option(
              "--buyers-per-shop", "buyers per shop (default 50)", ints(Builder::buyersPerShop)),
          new Option(
              "--events",
              "approximate number of valid events; sets buyers per shop",
              longs(Builder::approximateEvents)),
          new Option("--days", "days of activity (default 2)", ints(Builder::days)),
          new Option(
              "--start",
              "start instant, ISO-8601 (default 2025-06-01T16:00:00Z)",
              (b, v) -> b.start(Instant.parse(v))),
          new Option(
              "--rate",
              "records per second to Kafka, 0 = as fast as possible (default 0)",
              doubles(Builder::eventsPerSecond)),
          new Option(
              "--out-of-order-rate",
              "share of events held back < 2 min (default 0.02)",
              doubles(Builder::outOfOrderRate)),
          new Option(
              "--late-rate",
              "share of events from late buyers, beyond allowed lateness (default 0.005)",
              doubles(Builder::lateRate)),
          new Option(
              "--duplicate-rate",
              "share of events emitted twice (default 0.005)",
              doubles(Builder::duplicateRate)),
          new Option(
              "--malformed-rate",
              "malformed records per valid record, per topic (default 0.002)",
              doubles(Builder::malformedRate)),
          new Option(
              "--poison-rate",
              "records that decode but are invalid, per valid record, per topic (default 0)",
              doubles(Builder::poisonRate)),
          new Option(
              "--uncivil-rate",
              "share of agent/buyer messages that are uncivil (default 0.03)",
              doubles(Builder::uncivilRate)),
          new Option(
              "--feedback-rate",
              "share of served buyers who rate, and of paid orders reviewed (default 0: none)",
              doubles(Builder::feedbackRate)),
          new Option(
              "--after-sales-rate",
              "share of paid orders with an after-sales case (default 0: none)",
              doubles(Builder::afterSalesRate)),
          new Option(
              "--agent-events",
              "true: agent status changes and transfers (default false)",
              (b, v) -> b.agentEvents(Boolean.parseBoolean(v))),
          new Option(
              "--shop-time-zones",
              "shops in another time zone than Asia/Shanghai, SHOP=ZONE,… e.g."
                  + " shop-02=America/New_York (jobs: events.shop-time-zones; default none)",
              (b, v) -> b.shopTimeZones(entries(v))),
          new Option("--help", "print this help", null));

  /** {@code KEY=VALUE} entries separated by ',' or ';'. */
  private static Map<String, String> entries(String text) {
    Map<String, String> map = new java.util.LinkedHashMap<>();
    for (String entry : text.split("[,;]")) {
      int eq = entry.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("bad value: '" + entry + "' is not SHOP=ZONE");
      }
      map.put(entry.substring(0, eq).strip(), entry.substring(eq + 1).strip());
    }
    return map;
  }

  private static BiConsumer<Builder, String> ints(BiConsumer<Builder, Integer> setter) {
    return (b, v) -> setter.accept(b, Integer.parseInt(v));
  }

  private static BiConsumer<Builder, String> longs(BiConsumer<Builder, Long> setter) {
    return (b, v) -> setter.accept(b, Long.parseLong(v));
  }

  private static BiConsumer<Builder, String> doubles(BiConsumer<Builder, Double> setter) {
    return (b, v) -> setter.accept(b, Double.parseDouble(v));
  }

  private GeneratorCli() {}

  public static void main(String[] args) {
    // The Kafka client logs its whole configuration at INFO; keep the console for our progress.
    System.setProperty(
        "org.slf4j.simpleLogger.defaultLogLevel",
        System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    Map<String, String> opts;
    GeneratorConfig config;
    try {
      opts = parse(args);
      if (opts.containsKey("--help")) {
        usage(out);
        return 0;
      }
      if (opts.containsKey("--bootstrap-servers") == opts.containsKey("--out-dir")) {
        throw new IllegalArgumentException("give exactly one of --bootstrap-servers, --out-dir");
      }
      config = config(opts);
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      usage(err);
      return 2;
    }
    try {
      long t0 = System.nanoTime();
      GeneratedStream stream = EventGenerator.generate(config);
      err.printf(
          Locale.ROOT,
          "generated %,d records in %.1f s%n",
          stream.size(),
          (System.nanoTime() - t0) / 1e9);
      Path truthFile = write(stream, opts, err);
      summary(stream, truthFile, out);
      return 0;
    } catch (IOException | RuntimeException e) {
      err.println("error: " + e);
      return 1;
    }
  }

  private static Path write(GeneratedStream stream, Map<String, String> opts, PrintStream err)
      throws IOException {
    GroundTruth truth = stream.truth();
    if (opts.containsKey("--out-dir")) {
      Path dir = Path.of(opts.get("--out-dir"));
      StreamFiles.write(stream, truth, dir);
      Path truthFile = dir.resolve(StreamFiles.TRUTH_FILE);
      if (opts.containsKey("--truth")) {
        truthFile = Path.of(opts.get("--truth"));
        truth.write(truthFile);
      }
      return truthFile;
    }
    Path truthFile = Path.of(opts.getOrDefault("--truth", StreamFiles.TRUTH_FILE));
    truth.write(truthFile);
    try (KafkaEventWriter writer = new KafkaEventWriter(opts.get("--bootstrap-servers"))) {
      writer.write(
          stream,
          stream.size(),
          stream.config().eventsPerSecond(),
          (sent, acked, total, rate) ->
              err.printf(
                  Locale.ROOT,
                  "sent %,d / %,d records, %,d acknowledged, %,.0f records/s%n",
                  sent,
                  total,
                  acked,
                  rate));
    }
    return truthFile;
  }

  private static void summary(GeneratedStream stream, Path truthFile, PrintStream out) {
    GroundTruth truth = stream.truth();
    GroundTruth.Ingest in = truth.ingest();
    out.printf(
        Locale.ROOT,
        "records %,d: chat messages %,d, order events %,d (distinct valid, %,d late),"
            + " duplicates %,d, out of order %,d, malformed %s, poison %s%n",
        in.totalRecords(),
        in.chatMessages(),
        in.orderEvents(),
        in.lateEvents(),
        in.duplicatesTotal(),
        in.outOfOrderEvents(),
        in.malformed(),
        in.poison());
    for (String shop : truth.service().keySet()) {
      GroundTruth.ServiceCounts s = truth.service().get(shop).total();
      GroundTruth.ShopAttribution a = truth.attribution().get(shop);
      out.printf(
          Locale.ROOT,
          "%s (%s): turns %,d, answered %,d, avg response %.1f s, slow %,d;"
              + " orders %,d (silent %,d), sales %s (silent %s)%n",
          shop,
          truth.shopPlatforms().get(shop),
          s.turns(),
          s.answered(),
          s.responseMsCount() == 0 ? 0.0 : s.responseMsSum() / 1000.0 / s.responseMsCount(),
          s.slow(),
          a.orders(),
          a.silentOrders(),
          a.totalSales(),
          a.silentSales());
    }
    out.printf(
        Locale.ROOT,
        "uncivil messages %,d; ground truth: %s%n",
        truth.qa().uncivil().size(),
        truthFile.toAbsolutePath());
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> opts = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      String value = null;
      int eq = name.indexOf('=');
      if (eq > 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      String known = name;
      if (OPTIONS.stream().noneMatch(o -> o.name().equals(known))) {
        throw new IllegalArgumentException("unknown option " + name);
      }
      if (!name.equals("--help") && value == null) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(name + " needs a value");
        }
        value = args[++i];
      }
      opts.put(name, value == null ? "" : value);
    }
    return opts;
  }

  private static GeneratorConfig config(Map<String, String> opts) {
    Builder b = GeneratorConfig.builder();
    try {
      for (Option option : OPTIONS) {
        if (option.apply() != null && opts.containsKey(option.name())) {
          option.apply().accept(b, opts.get(option.name()));
        }
      }
      return b.build();
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new IllegalArgumentException("bad value: " + e.getMessage());
    }
  }

  private static void usage(PrintStream out) {
    out.println(
        "usage: java -jar servicepulse-generator-<version>-cli.jar"
            + " (--bootstrap-servers HOST:PORT | --out-dir DIR) [options]");
    OPTIONS.forEach(o -> out.printf("  %-22s %s%n", o.name(), o.help()));
  }
}
