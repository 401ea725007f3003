// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.demo;

import io.servicepulse.attribution.AttributionJob;
import io.servicepulse.common.clickhouse.ClickHouseConnectionFactory;
import io.servicepulse.common.clickhouse.ClickHouseMigrations;
import io.servicepulse.common.config.JobConfig;
import io.servicepulse.common.deadletter.DeadLetters;
import io.servicepulse.common.decode.Decoded;
import io.servicepulse.common.decode.DecodedStreams;
import io.servicepulse.common.decode.EventKind;
import io.servicepulse.common.decode.FirstCopyWins;
import io.servicepulse.common.flink.EventTime;
import io.servicepulse.common.flink.EventTypeInfo;
import io.servicepulse.common.flink.StreamingJobs;
import io.servicepulse.common.kafka.KafkaSources;
import io.servicepulse.events.ChatMessage;
import io.servicepulse.events.OrderEvent;
import io.servicepulse.generator.EventGenerator;
import io.servicepulse.generator.GeneratedRecord;
import io.servicepulse.generator.GeneratedStream;
import io.servicepulse.generator.GeneratorConfig;
import io.servicepulse.generator.KafkaEventWriter;
import io.servicepulse.generator.LiveChats;
import io.servicepulse.ingest.IngestJob;
import io.servicepulse.metrics.ServiceMetricsJob;
import io.servicepulse.qa.job.QaJob;
import io.servicepulse.qa.job.QaOptions;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * Benchmark (not a test): on one generated stream pre-loaded in Kafka and the running local stack,
 * the engine floor (Kafka → decode → discard), three parts every job builds on (the floor plus a
 * shuffle by event id with no state; the floor plus the shared first-copy stage; the floor plus one
 * ClickHouse row per event) and then each job in its production wiring (sources bounded at the end
 * offsets, real ClickHouse sinks, parallelism = cores), one after the other, each in a JVM of its
 * own measured after an unmeasured warm-up run of the same job ({@code --fork false}: all in this
 * JVM, as before; {@code --warmups N}). Prints per run the events read, the job's net run time,
 * events/s, per core, the JVM's CPU seconds, events per CPU-second, and the ratio to the floor.
 * Then the delay at half load: each job runs unbounded on live conversations ({@link LiveChats},
 * event time = send time, with live orders and insults) sent at half the events/s it reached (its
 * median over the rounds), and the event → ClickHouse row delay's p50/p99/max is printed. Run with
 * {@code infra/bench.sh compare [--events N] [--jobs
 * shuffle,dedup,rows,ingest,metrics,attribution,qa] [--delay-seconds S] [--repeat N] [--fork false]
 * [--warmups N] [--conf key=value,…] [--delay-rate R]}; with N rounds (floor, then each job, N
 * times) it also prints each job's median ratio to its own round's floor.
 */
public final class CompareBenchmark {

  private static final String CHAT = "bench-compare-chat-messages";
  private static final String ORDERS = "bench-compare-order-events";
  private static final String DEAD_LETTERS = "bench-compare-dead-letters";
  private static final String LIVE_CHAT = "bench-compare-live-chat-messages";
  private static final String LIVE_ORDERS = "bench-compare-live-order-events";

  /**
   * Per job with a live delay figure: the delay of each row from its event's time to its first
   * insert in ClickHouse (d, ms). IngestJob: Kafka append → message row. ServiceMetricsJob: the
   * answer → the first turn row showing it answered (a provisional row counts). AttributionJob: an
   * order's creation → its first attribution row. QaJob: an insulting answer → its flag.
   */
  private static final Map<String, String> DELAY_SQL =
      Map.of(
          IngestJob.NAME,
          "SELECT ingested_ms - kafka_ts_ms AS d FROM messages",
          ServiceMetricsJob.NAME,
          "SELECT min(emitted_ms) - any(answer_ms) AS d FROM turns WHERE answered = 1"
              + " GROUP BY turn_id",
          AttributionJob.NAME,
          "SELECT min(inserted_ms) - any(created_ms) AS d FROM order_attribution"
              + " GROUP BY shop_id, order_id",
          QaJob.NAME,
          "SELECT min(inspected_ms) - any(ts_ms) AS d FROM qa_flags GROUP BY message_id");

  /** Tables whose first row versions the delay figures read: merges stopped during the run. */
  private static final List<String> VERSIONED_TABLES =
      List.of("service_minute", "order_attribution", "qa_flags");

  /**
   * ServiceMetricsJob's second figure: the answer → the first {@code service_minute} row of its
   * turn's (shop, team, agent, minute) written at or after that turn row, which carries the turn.
   * Turns first: key, answer, first turn row; then every minute-row version (merges stopped).
   */
  private static final String TURN_KEYS_SQL =
      "SELECT concat(any(shop_id), '|', any(team_id), '|', any(agent_id), '|',"
          + " toString(intDiv(any(turn_start_ms), 60000) * 60000)), toString(any(answer_ms)),"
          + " toString(min(emitted_ms)) FROM turns WHERE answered = 1 GROUP BY turn_id";

  private static final String MINUTE_VERSIONS_SQL =
      "SELECT concat(shop_id, '|', team_id, '|', agent_id, '|', toString(minute_ms)),"
          + " toString(emitted_ms) FROM service_minute";

  private static final String FLOOR = "floor";
  private static final String SHUFFLE = "shuffle";

  /**
   * What a run is: its name in the tables, its wiring, whether it reads the chats only, and a job's
   * target ratio to the floor (issue 14; 0 for the floor and the parts).
   */
  private record Kind(
      String name,
      BiConsumer<StreamExecutionEnvironment, JobConfig> wiring,
      boolean chatOnly,
      double target) {}

  /** Every run by its {@code --jobs} name, in the order a round runs them: the floor first. */
  private static final Map<String, Kind> KINDS = new java.util.LinkedHashMap<>();

  static {
    KINDS.put(FLOOR, new Kind("floor: Kafka → decode → discard", Floor::wire, false, 0));
    KINDS.put(SHUFFLE, new Kind("part: floor + shuffle by id", Floor::shuffle, false, 0));
    KINDS.put("dedup", new Kind("part: floor + first copy per id", Floor::dedup, false, 0));
    KINDS.put("rows", new Kind("part: floor + ClickHouse rows", Floor::rows, false, 0));
    KINDS.put("ingest", new Kind(IngestJob.NAME, IngestJob::wire, false, 0.5));
    KINDS.put("metrics", new Kind(ServiceMetricsJob.NAME, ServiceMetricsJob::wire, true, 0.5));
    KINDS.put("attribution", new Kind(AttributionJob.NAME, AttributionJob::wire, false, 0.5));
    KINDS.put("qa", new Kind(QaJob.NAME, QaJob::wire, true, 0.3));
  }

  private CompareBenchmark() {}

  /**
   * One run in a JVM of its own that first runs the same job {@code --warmups} times (default 1),
   * unmeasured: every run, the floor too, is then measured warm and with the JIT's profile of its
   * own code only. In one shared JVM the floor swung from 100 k to 440 k events/s between rounds.
   */
  private static Run forked(String key, long events, Map<String, String> opts) throws Exception {
    String[] figures = child(key, List.of("--count", String.valueOf(events)), opts).split(" ");
    Run run =
        new Run(
            key,
            KINDS.get(key).name(),
            events,
            Double.parseDouble(figures[0]),
            Double.parseDouble(figures[1]),
            Double.parseDouble(figures[2]));
    System.out.printf(
        "  %s: %,d events in %.1f s = %,.0f events/s (measured after %s warm-up run(s))%n",
        run.job(), events, run.seconds(), run.rate(), opts.getOrDefault("warmups", "1"));
    return run;
  }

  /** A delay run in a JVM of its own, after the same warm-up runs as the throughput runs. */
  private static List<Delay> forkedDelay(
      String key, long events, double rate, int seconds, Map<String, String> opts)
      throws Exception {
    String lines =
        child(
            key,
            List.of(
                "--count",
                String.valueOf(events),
                "--delay-rate",
                String.valueOf(rate),
                "--delay-seconds",
                String.valueOf(seconds)),
            opts);
    List<Delay> delays = new ArrayList<>();
    for (String line : lines.split("\n")) {
      String[] f = line.split("\t");
      delays.add(
          new Delay(
              f[0], Double.parseDouble(f[1]), f[2], f[3], f[4], f[5], Double.parseDouble(f[6])));
    }
    return delays;
  }

  /** Runs this class with {@code --single key} and {@code args} in a new JVM; its result file. */
  private static String child(String key, List<String> args, Map<String, String> opts)
      throws Exception {
    java.nio.file.Path result = java.nio.file.Files.createTempFile("compare-run", ".txt");
    List<String> command = new ArrayList<>();
    command.add(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("-Xm")) {
        command.add(arg);
      }
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(CompareBenchmark.class.getName());
    for (String option :
        List.of(
            "bootstrap-servers",
            "clickhouse-url",
            "qa-model-root",
            "server-pids",
            "warmups",
            "conf")) {
      if (opts.containsKey(option)) {
        command.add("--" + option);
        command.add(opts.get(option));
      }
    }
    command.addAll(List.of("--single", key, "--result-file", result.toString()));
    command.addAll(args);
    Process process = new ProcessBuilder(command).inheritIO().start();
    if (process.waitFor() != 0) {
      throw new IllegalStateException(key + " run failed: exit code " + process.exitValue());
    }
    String text = java.nio.file.Files.readString(result).trim();
    java.nio.file.Files.delete(result);
    return text;
  }

  /**
   * The child's side of {@link #forked} and {@link #forkedDelay}: warm-up runs, then the measured
   * run or the delay run, its figures to a file.
   */
  private static void single(Map<String, String> opts, int cores) throws Exception {
    Map<String, String> values = jobValues(opts, cores);
    JobConfig config = JobConfig.of(values);
    ClickHouseConnectionFactory clickHouse = ClickHouseConnectionFactory.from(config);
    String key = opts.get("single");
    long events = Long.parseLong(opts.get("count"));
    for (int i = Integer.parseInt(opts.getOrDefault("warmups", "1")); i > 0; i--) {
      System.out.printf("%nWarm-up (not measured):");
      run(key, events, config, clickHouse);
    }
    String result;
    if (opts.containsKey("delay-rate")) {
      StringBuilder lines = new StringBuilder();
      for (Delay d :
          delay(
              key,
              Double.parseDouble(opts.get("delay-rate")),
              Integer.parseInt(opts.get("delay-seconds")),
              values,
              clickHouse)) {
        lines.append(
            String.join(
                "\t",
                d.job(),
                String.valueOf(d.rate()),
                d.rows(),
                d.p50(),
                d.p99(),
                d.max(),
                String.valueOf(d.jobCpuSeconds())));
        lines.append('\n');
      }
      result = lines.toString();
    } else {
      Run run = run(key, events, config, clickHouse);
      result = run.seconds() + " " + run.cpuSeconds() + " " + run.serverCpuSeconds();
    }
    java.nio.file.Files.writeString(java.nio.file.Path.of(opts.get("result-file")), result);
    System.exit(0);
  }

  /**
   * One delay run's figures, ms; {@code jobCpuSeconds}: CPU of the job's threads while it took the
   * live messages and wrote their rows (the sender's threads not counted), the steadier figure for
   * comparing two builds at one load when the delay sits at the edge of the job's capacity.
   */
  record Delay(
      String job,
      double rate,
      String rows,
      String p50,
      String p99,
      String max,
      double jobCpuSeconds) {
    Delay withJobCpu(double seconds) {
      return new Delay(job, rate, rows, p50, p99, max, seconds);
    }
  }

  /** One measured run: its events, net run time, and the CPU of this JVM and the servers. */
  record Run(
      String key,
      String job,
      long events,
      double seconds,
      double cpuSeconds,
      double serverCpuSeconds) {
    double rate() {
      return events / seconds;
    }

    double perCpuSecond() {
      return events / cpuSeconds;
    }
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = BenchArgs.parse(args);
    String bootstrap = opts.get("bootstrap-servers");
    long approximate = Long.parseLong(opts.getOrDefault("events", "600000"));
    int cores = Runtime.getRuntime().availableProcessors();
    if (opts.containsKey("server-pids")) {
      serverPids = List.of(opts.get("server-pids").split(","));
    }
    if (opts.containsKey("single")) {
      single(opts, cores);
      return;
    }

    printJobCode();
    DemoTopics.recreate(bootstrap, List.of(CHAT, ORDERS, DEAD_LETTERS), cores);
    System.out.printf("Generating ~%,d events...%n", approximate);
    GeneratedStream stream =
        EventGenerator.generate(
            GeneratorConfig.builder()
                .seed(7)
                .approximateEvents(approximate)
                .chatTopic(CHAT)
                .orderTopic(ORDERS)
                .noFaults()
                .build());
    long chat = 0;
    long orders = 0;
    for (GeneratedRecord r : stream) {
      if (r.topic().equals(CHAT)) {
        chat++;
      } else {
        orders++;
      }
    }
    try (KafkaEventWriter writer = new KafkaEventWriter(bootstrap)) {
      var written = writer.write(stream, stream.size(), 0, (s, a, t, r) -> {});
      System.out.printf(
          "Pre-loaded %,d chat messages and %,d order events into Kafka (%d partitions) in %.1f"
              + " s%n",
          chat, orders, cores, written.elapsed().toMillis() / 1000.0);
    }

    Map<String, String> values = jobValues(opts, cores);
    JobConfig config = JobConfig.of(values);
    ClickHouseConnectionFactory clickHouse = ClickHouseConnectionFactory.from(config);

    // The floor always runs: every ratio is to the floor of the same round. Rounds repeat the
    // floor and every job, so the median ratio stands against the machine's run-to-run noise.
    // Without --jobs: every part and every job, in KINDS' order.
    List<String> jobs =
        List.of(opts.getOrDefault("jobs", String.join(",", KINDS.keySet())).split(","));
    int repeat = Integer.parseInt(opts.getOrDefault("repeat", "1"));
    boolean fork = !"false".equals(opts.getOrDefault("fork", "true"));
    List<List<Run>> rounds = new ArrayList<>();
    for (int round = 1; round <= repeat; round++) {
      if (repeat > 1) {
        System.out.printf("%nRound %d of %d%n", round, repeat);
      }
      List<Run> runs = new ArrayList<>();
      for (String key : KINDS.keySet()) {
        boolean wanted =
            key.equals(FLOOR)
                || jobs.contains(key)
                    && (!key.equals("qa") || config.get(QaOptions.MODEL_ROOT) != null);
        if (wanted) {
          long events = KINDS.get(key).chatOnly() ? chat : chat + orders;
          runs.add(fork ? forked(key, events, opts) : run(key, events, config, clickHouse));
        }
      }
      print(runs, cores);
      rounds.add(runs);
    }
    List<Run> runs = rounds.get(rounds.size() - 1);
    if (repeat > 1) {
      printMedians(rounds);
    }

    int delaySeconds = Integer.parseInt(opts.getOrDefault("delay-seconds", "60"));
    List<Delay> delays = new ArrayList<>();
    for (int j = 0; j < runs.size(); j++) {
      Run r = runs.get(j);
      if (DELAY_SQL.containsKey(r.job()) && delaySeconds > 0) {
        double rate = delayRate(opts, rounds, j);
        delays.addAll(
            fork
                ? forkedDelay(r.key(), r.events(), rate, delaySeconds, opts)
                : delay(r.key(), rate, delaySeconds, values, clickHouse));
      }
    }
    printDelays(delays, delaySeconds);
    System.exit(0);
  }

  /**
   * Half of run {@code j}'s median events/s over the rounds, so one slow round does not set it; or
   * {@code --delay-rate R} for every job (A/B runs at one load).
   */
  private static double delayRate(Map<String, String> opts, List<List<Run>> rounds, int j) {
    if (opts.containsKey("delay-rate")) {
      return Double.parseDouble(opts.get("delay-rate"));
    }
    List<Double> rates = new ArrayList<>();
    for (List<Run> round : rounds) {
      rates.add(round.get(j).rate());
    }
    return median(rates) / 2;
  }

  /**
   * The job unbounded on live chats sent at {@code rate} for {@code seconds}; waits until its rows
   * stop coming, then reads the delays.
   */
  private static List<Delay> delay(
      String key,
      double rate,
      int seconds,
      Map<String, String> base,
      ClickHouseConnectionFactory clickHouse)
      throws Exception {
    String name = KINDS.get(key).name();
    String bootstrap = base.get("kafka.bootstrap-servers");
    DemoTopics.recreate(
        bootstrap, List.of(LIVE_CHAT, LIVE_ORDERS), Runtime.getRuntime().availableProcessors());
    new ClickHouseMigrations(clickHouse).recreate();
    // Keep every version: a background merge keeps only a row's latest, and the figures need the
    // first version of each row.
    try (java.sql.Connection c = clickHouse.open();
        java.sql.Statement st = c.createStatement()) {
      for (String table : VERSIONED_TABLES) {
        st.execute("SYSTEM STOP MERGES " + table);
      }
    }
    Map<String, String> values = new HashMap<>(base);
    values.put("kafka.chat-topic", LIVE_CHAT);
    values.put("kafka.order-topic", LIVE_ORDERS);
    values.put("kafka.stopping-offsets", "none");
    JobConfig config = JobConfig.of(values);
    StreamExecutionEnvironment env = StreamingJobs.environment(config);
    KINDS.get(key).wiring().accept(env, config);
    System.out.printf(
        "%nDelay of %s: live chats at %,.0f messages/s for %d s...%n", name, rate, seconds);
    JobClient job = env.executeAsync("compare benchmark delay: " + name);
    try (ClickHouseReader reader = new ClickHouseReader(clickHouse)) {
      while (job.getJobStatus().get() != JobStatus.RUNNING) {
        Thread.sleep(200);
      }
      Thread.sleep(3_000);
      Map<Long, ThreadCpu> cpuBefore = jobThreadsCpu();
      double[] serversBefore = serverCpuSeconds();
      long wallBefore = System.nanoTime();
      double senderBefore = senderCpuSeconds();
      new LiveChats(bootstrap, LIVE_CHAT, LIVE_ORDERS).run(rate, seconds);
      double sender = senderCpuSeconds() - senderBefore;
      String count = "SELECT count() FROM (" + DELAY_SQL.get(name) + ")";
      long last = -1;
      long deadline = System.currentTimeMillis() + 180_000;
      while (System.currentTimeMillis() < deadline) {
        long rows = reader.count(count);
        if (rows > 0 && rows == last) {
          break;
        }
        last = rows;
        Thread.sleep(5_000);
      }
      double jobCpu = cpuSince(cpuBefore);
      double servers = total(serverCpuSeconds(), serversBefore);
      double wall = (System.nanoTime() - wallBefore) / 1e9;
      System.out.printf(
          "CPU while live: job %.1f s, sender %.1f s, Kafka + ClickHouse %.1f s, in %.1f s of"
              + " wall time on %d cores (%.0f %% of the machine)%n",
          jobCpu,
          sender,
          servers,
          wall,
          Runtime.getRuntime().availableProcessors(),
          100 * (jobCpu + sender + servers) / (wall * Runtime.getRuntime().availableProcessors()));
      List<Delay> figures = new ArrayList<>();
      figures.add(figure(reader, name, rate, DELAY_SQL.get(name)).withJobCpu(jobCpu));
      if (name.equals(ServiceMetricsJob.NAME)) {
        figures.add(minuteFigure(reader, name + " minute rows", rate).withJobCpu(jobCpu));
      }
      return figures;
    } finally {
      job.cancel().get();
    }
  }

  private static Delay figure(ClickHouseReader reader, String name, double rate, String sql)
      throws Exception {
    List<String> q =
        reader
            .rows(
                "SELECT toString(count()), toString(quantileExact(0.5)(d)),"
                    + " toString(quantileExact(0.99)(d)), toString(max(d)) FROM ("
                    + sql
                    + ")")
            .get(0);
    return new Delay(name, rate, q.get(0), q.get(1), q.get(2), q.get(3), 0);
  }

  /** Joined here: ClickHouse 18.16 has no ASOF join, and a plain join of all versions is huge. */
  private static Delay minuteFigure(ClickHouseReader reader, String name, double rate)
      throws Exception {
    Map<String, List<Long>> versions = new HashMap<>();
    for (List<String> r : reader.rows(MINUTE_VERSIONS_SQL)) {
      versions.computeIfAbsent(r.get(0), k -> new ArrayList<>()).add(Long.parseLong(r.get(1)));
    }
    versions.values().forEach(java.util.Collections::sort);
    List<Long> delays = new ArrayList<>();
    for (List<String> t : reader.rows(TURN_KEYS_SQL)) {
      List<Long> written = versions.getOrDefault(t.get(0), List.of());
      long turnRow = Long.parseLong(t.get(2));
      int at = java.util.Collections.binarySearch(written, turnRow);
      int first = at >= 0 ? at : -at - 1;
      if (first < written.size()) {
        delays.add(written.get(first) - Long.parseLong(t.get(1)));
      }
    }
    java.util.Collections.sort(delays);
    if (delays.isEmpty()) {
      return new Delay(name, rate, "0", "-", "-", "-", 0);
    }
    return new Delay(
        name,
        rate,
        String.valueOf(delays.size()),
        String.valueOf(quantileExact(delays, 0.5)),
        String.valueOf(quantileExact(delays, 0.99)),
        String.valueOf(delays.get(delays.size() - 1)),
        0);
  }

  /** CPU seconds so far of the live sender: the calling thread and its Kafka client's thread. */
  private static double senderCpuSeconds() {
    java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long nanos = threads.getCurrentThreadCpuTime();
    for (java.lang.management.ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (t != null && t.getThreadName().contains(LiveChats.CLIENT_ID)) {
        nanos += Math.max(0, threads.getThreadCpuTime(t.getThreadId()));
      }
    }
    return nanos / 1e9;
  }

  /** A thread's name and its CPU nanoseconds so far. */
  private record ThreadCpu(String name, long nanos) {}

  /** Each thread of this JVM but the caller's and the live sender's, by id. */
  private static Map<Long, ThreadCpu> jobThreadsCpu() {
    java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Map<Long, ThreadCpu> cpu = new HashMap<>();
    long self = Thread.currentThread().getId();
    for (java.lang.management.ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (t != null
          && t.getThreadId() != self
          && !t.getThreadName().contains(LiveChats.CLIENT_ID)) {
        long nanos = threads.getThreadCpuTime(t.getThreadId());
        if (nanos >= 0) {
          cpu.put(t.getThreadId(), new ThreadCpu(t.getThreadName(), nanos));
        }
      }
    }
    return cpu;
  }

  /**
   * CPU seconds of the job's threads since {@code before} (threads that ended are not counted);
   * prints the busiest ones, which show whether one thread bounds the job.
   */
  private static double cpuSince(Map<Long, ThreadCpu> before) {
    long nanos = 0;
    List<ThreadCpu> busiest = new ArrayList<>();
    for (Map.Entry<Long, ThreadCpu> t : jobThreadsCpu().entrySet()) {
      ThreadCpu earlier = before.get(t.getKey());
      long delta = t.getValue().nanos() - (earlier == null ? 0 : earlier.nanos());
      nanos += delta;
      busiest.add(new ThreadCpu(t.getValue().name(), delta));
    }
    busiest.sort(java.util.Comparator.comparingLong(ThreadCpu::nanos).reversed());
    System.out.printf("Busiest threads of the job (CPU-s):%n");
    for (ThreadCpu t : busiest.subList(0, Math.min(8, busiest.size()))) {
      String name = t.name();
      System.out.printf(
          "  %6.1f  %s%n", t.nanos() / 1e9, name.length() > 90 ? name.substring(0, 90) : name);
    }
    return nanos / 1e9;
  }

  /** ClickHouse's quantileExact on sorted values (element level × n), as the other figures use. */
  private static long quantileExact(List<Long> sorted, double level) {
    return sorted.get(Math.min(sorted.size() - 1, (int) (level * sorted.size())));
  }

  private static void printDelays(List<Delay> delays, int seconds) {
    if (delays.isEmpty()) {
      return;
    }
    System.out.printf(
        "%nDelay at half load: event → its row in ClickHouse (ms; ingest: Kafka append →"
            + " message row; service-metrics: answer → first turn row showing it answered;"
            + " minute rows: answer → first service_minute row of its turn written with or after"
            + " that turn row; attribution: order created → its first order_attribution row;"
            + " qa: insulting answer → its qa_flags row)%n");
    System.out.printf(
        "%-34s %12s %10s %8s %8s %8s %8s %12s%n",
        "job", "messages/s", "rows", "p50", "p99", "max", "job CPU-s", "µs/message");
    for (Delay d : delays) {
      System.out.printf(
          "%-34s %,12.0f %10s %8s %8s %8s %8.1f %12.1f%n",
          d.job(),
          d.rate(),
          d.rows(),
          d.p50(),
          d.p99(),
          d.max(),
          d.jobCpuSeconds(),
          d.jobCpuSeconds() * 1e6 / (d.rate() * seconds));
    }
    System.out.println(
        "job CPU-s: CPU of the job's threads from the first live message until its rows stopped"
            + " coming (the sender's not counted); µs/message: that over rate × seconds. At"
            + " one load it compares two builds more steadily than p99 near the job's capacity.");
    System.out.println(
        "Target (issue 14): p99 answer → provisional turn and minute row ≤ 2 000 ms at half"
            + " load. The other figures have no target: they show how far behind each job's rows"
            + " are.");
  }

  private static Run run(
      String key, long events, JobConfig config, ClickHouseConnectionFactory clickHouse)
      throws Exception {
    String name = KINDS.get(key).name();
    new ClickHouseMigrations(clickHouse).recreate();
    StreamExecutionEnvironment env = StreamingJobs.environment(config);
    KINDS.get(key).wiring().accept(env, config);
    System.out.printf("%nRunning %s...%n", name);
    long cpuBefore = processCpuNanos();
    double[] serversBefore = serverCpuSeconds();
    JobExecutionResult result = env.execute("compare benchmark: " + name);
    double cpu = (processCpuNanos() - cpuBefore) / 1e9;
    double[] serversAfter = serverCpuSeconds();
    double servers = total(serversAfter, serversBefore);
    // --server-pids lists Kafka's first (bench.sh).
    double kafka = serversAfter.length == 0 ? 0 : serversAfter[0] - serversBefore[0];
    double seconds = result.getNetRuntime(TimeUnit.MILLISECONDS) / 1000.0;
    Run run = new Run(key, name, events, seconds, cpu, servers);
    System.out.printf(
        "  %,d events in %.1f s = %,.0f events/s, %.1f CPU-s of this JVM, %.1f of Kafka, %.1f of"
            + " ClickHouse%n",
        events, seconds, run.rate(), cpu, kafka, servers - kafka);
    return run;
  }

  /** Per job over the rounds: median ratio to its round's floor, by wall time and by CPU. */
  private static void printMedians(List<List<Run>> rounds) {
    System.out.printf(
        "%nMedian over %d rounds (each ratio to the floor of its own round; min–max)%n",
        rounds.size());
    System.out.printf("%-34s %8s %14s %8s %14s%n", "job", "÷ floor", "", "(CPU)", "");
    for (int j = 1; j < rounds.get(0).size(); j++) {
      List<Double> wall = new ArrayList<>();
      List<Double> cpu = new ArrayList<>();
      for (List<Run> round : rounds) {
        wall.add(round.get(j).rate() / round.get(0).rate());
        cpu.add(round.get(j).perCpuSecond() / round.get(0).perCpuSecond());
      }
      System.out.printf(
          "%-34s %8.2f %14s %8.2f %14s%n",
          rounds.get(0).get(j).job(), median(wall), range(wall), median(cpu), range(cpu));
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static String range(List<Double> values) {
    return String.format(
        "%.2f–%.2f",
        values.stream().mapToDouble(d -> d).min().orElse(0),
        values.stream().mapToDouble(d -> d).max().orElse(0));
  }

  private static void print(List<Run> runs, int cores) {
    Run floor = runs.get(0);
    System.out.printf(
        "%nOne stream, one machine (%d cores; Kafka and ClickHouse run on it too), %s%n",
        cores, java.time.LocalDate.now());
    System.out.printf(
        "%-34s %10s %8s %12s %12s %8s %8s %12s %8s %8s%n",
        "run",
        "events",
        "s",
        "events/s",
        "per core",
        "CPU-s",
        "servers",
        "per CPU-s",
        "÷ floor",
        "(CPU)");
    for (Run r : runs) {
      System.out.printf(
          "%-34s %,10d %8.1f %,12.0f %,12.0f %8.1f %8.1f %,12.0f %8.2f %8.2f%n",
          r.job(),
          r.events(),
          r.seconds(),
          r.rate(),
          r.rate() / cores,
          r.cpuSeconds(),
          r.serverCpuSeconds(),
          r.perCpuSecond(),
          r.rate() / floor.rate(),
          r.perCpuSecond() / floor.perCpuSecond());
    }
    System.out.println(
        "÷ floor: events/s over the floor's; (CPU): events per CPU-second of this JVM over the"
            + " floor's, steadier when other processes share the cores; servers: CPU-s of the Kafka"
            + " broker and ClickHouse server in the same time (with --server-pids).");
    System.out.println(
        "Targets (issue 14): ingest, service-metrics, attribution ≥ 0.5 of the floor; qa ≥ 0.3.");
    printCodeBudgets(runs);
  }

  /**
   * With the shuffle part in the round: per job, what its own code costs and may cost for its
   * target ({@link CodeBudget}).
   */
  private static void printCodeBudgets(List<Run> runs) {
    Run floor = runs.get(0);
    Run shuffle = runs.stream().filter(r -> r.key().equals(SHUFFLE)).findFirst().orElse(null);
    if (shuffle == null) {
      return;
    }
    System.out.printf(
        "%nCPU µs per event, every process (this JVM, Kafka, ClickHouse)%n"
            + "%-34s %8s %9s %9s %9s %10s %14s%n",
        "job", "floor", "+shuffle", "+servers", "code now", "code for", "ceiling ÷ floor");
    for (Run r : runs) {
      double target = KINDS.get(r.key()).target();
      if (target == 0) {
        continue;
      }
      CodeBudget b = CodeBudget.of(floor, shuffle, r);
      System.out.printf(
          "%-34s %8.2f %9.2f %9.2f %9.2f %10s %14.2f%n",
          r.job(),
          b.floor(),
          b.shuffle(),
          b.servers(),
          b.codeNow(),
          String.format("%.2f @%.1f", b.codeAllowed(target), target),
          b.ceiling());
    }
    System.out.println(
        "+shuffle: one shuffle by event id (the shuffle part less the floor; every job shuffles"
            + " each event at least once); +servers: the broker's and ClickHouse's CPU for the"
            + " job's outputs; code now: the rest, the job's own code; code for: what its code may"
            + " cost per event for its target ratio; ceiling: the ratio with its code free.");
  }

  /**
   * Which build of each job runs: the jar or folder it is loaded from and when that was written. An
   * A/B run must swap these (after a reactor build they are the modules' target jars, not the local
   * Maven repository's).
   */
  private static void printJobCode() {
    for (Class<?> job :
        List.of(
            StreamingJobs.class,
            IngestJob.class,
            ServiceMetricsJob.class,
            AttributionJob.class,
            QaJob.class)) {
      java.security.CodeSource code = job.getProtectionDomain().getCodeSource();
      if (code == null) {
        continue;
      }
      try {
        java.nio.file.Path where = java.nio.file.Path.of(code.getLocation().toURI());
        System.out.printf(
            "Code of %s: %s (written %s)%n",
            job.getSimpleName(), where, java.nio.file.Files.getLastModifiedTime(where));
      } catch (java.net.URISyntaxException | java.io.IOException e) {
        System.out.printf("Code of %s: %s%n", job.getSimpleName(), code.getLocation());
      }
    }
  }

  /** Kafka's and ClickHouse's process ids ({@code --server-pids}), for their CPU time. */
  private static List<String> serverPids = List.of();

  /** The servers' CPU seconds between two {@link #serverCpuSeconds} readings, all summed. */
  private static double total(double[] after, double[] before) {
    double seconds = 0;
    for (int i = 0; i < after.length; i++) {
      seconds += after[i] - before[i];
    }
    return seconds;
  }

  /** User + system CPU seconds of each server process so far (Linux /proc, 100 ticks/s). */
  private static double[] serverCpuSeconds() {
    return serverPids.stream().mapToDouble(CompareBenchmark::cpuSecondsOf).toArray();
  }

  private static double cpuSecondsOf(String pid) {
    try {
      String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", pid, "stat"));
      // Fields after the command name, which is in parentheses and may hold spaces.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    } catch (java.io.IOException | RuntimeException e) {
      // A server not on this machine (or gone): its time is simply not counted.
      return 0;
    }
  }

  /** The jobs' configuration: the bench topics, bounded at their end, parallelism = cores. */
  private static Map<String, String> jobValues(Map<String, String> opts, int cores)
      throws java.io.IOException {
    Map<String, String> values = new HashMap<>();
    values.put("kafka.bootstrap-servers", opts.get("bootstrap-servers"));
    values.put("kafka.chat-topic", CHAT);
    values.put("kafka.order-topic", ORDERS);
    values.put("kafka.dead-letter-topic", DEAD_LETTERS);
    values.put("kafka.stopping-offsets", "latest");
    values.put("clickhouse.url", opts.get("clickhouse-url"));
    values.put("job.parallelism", String.valueOf(cores));
    // The local runtime's default checkpoint storage is the JobManager's memory (5 MB per task).
    values.put(
        "job.checkpoint-dir",
        java.nio.file.Files.createTempDirectory("bench-compare-checkpoints").toUri().toString());
    if (opts.containsKey("qa-model-root")) {
      values.put("qa.model-root", opts.get("qa-model-root"));
    }
    // --conf clickhouse.batch-size=100000,job.checkpoint-interval=10s: any job option, every run.
    for (String pair : opts.getOrDefault("conf", "").split(",")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        values.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
      }
    }
    return values;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** The engine floor: both topics read and decoded by the jobs' own sources, then discarded. */
  static final class Floor {
    private Floor() {}

    static void wire(StreamExecutionEnvironment env, JobConfig config) {
      discard(decoded(env, KafkaSources.chatMessages(config, "floor").build(), ChatMessage.class));
      discard(decoded(env, KafkaSources.orderEvents(config, "floor").build(), OrderEvent.class));
    }

    /**
     * The floor plus the engine's own cost of the jobs' first shuffle (by event id, as the first
     * copy stage keys it), with no state: how much of that stage is Flink's network path.
     */
    static void shuffle(StreamExecutionEnvironment env, JobConfig config) {
      discard(
          decoded(env, KafkaSources.chatMessages(config, "shuffle").build(), ChatMessage.class)
              .keyBy(FirstCopyWins.key(EventKind.CHAT.eventId()), FirstCopyWins.KEY_TYPE));
      discard(
          decoded(env, KafkaSources.orderEvents(config, "shuffle").build(), OrderEvent.class)
              .keyBy(FirstCopyWins.key(EventKind.ORDER.eventId()), FirstCopyWins.KEY_TYPE));
    }

    /**
     * The floor plus the jobs' shared first stage (shuffle by event id, first copy wins): what
     * every job spends before its own work.
     */
    static void dedup(StreamExecutionEnvironment env, JobConfig config) {
      SingleOutputStreamOperator<ChatMessage> messages =
          DecodedStreams.chatMessages(
              env,
              KafkaSources.chatMessages(config, "dedup").build(),
              EventTime.none(),
              config,
              "dedup",
              "dedup");
      SingleOutputStreamOperator<OrderEvent> orders =
          DecodedStreams.orderEvents(
              env,
              KafkaSources.orderEvents(config, "dedup").build(),
              EventTime.none(),
              config,
              "dedup",
              "dedup");
      discard(messages);
      discard(orders);
      discard(messages.getSideOutput(DeadLetters.TAG));
      discard(orders.getSideOutput(DeadLetters.TAG));
    }

    /**
     * The floor plus IngestJob's ClickHouse rows, one per event, without the shuffle and first
     * copy: what writing every event costs on this machine (ClickHouse included).
     */
    static void rows(StreamExecutionEnvironment env, JobConfig config) {
      IngestJob.factSinks(
          config,
          events(env, KafkaSources.chatMessages(config, "rows").build(), ChatMessage.class),
          events(env, KafkaSources.orderEvents(config, "rows").build(), OrderEvent.class));
    }

    /** What the jobs' own Kafka sources yield: each record decoded once. */
    private static <T> DataStream<Decoded<T>> decoded(
        StreamExecutionEnvironment env, Source<Decoded<T>, ?, ?> source, Class<T> type) {
      return env.fromSource(
          source, EventTime.<T>none(), "Kafka " + type.getSimpleName(), Decoded.typeOf(type));
    }

    private static <T> DataStream<T> events(
        StreamExecutionEnvironment env, Source<Decoded<T>, ?, ?> source, Class<T> type) {
      return decoded(env, source, type)
          .filter(Decoded::isEvent)
          .map(d -> d.event, EventTypeInfo.of(type))
          .name("event");
    }

    private static <T> void discard(DataStream<T> stream) {
      stream.sinkTo(new DiscardingSink<>()).name("discard");
    }
  }
}
