// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.config;

import io.servicepulse.common.chat.NoReplyNeeded;
import io.servicepulse.common.time.ShopCalendar;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;

/**
 * Reads {@link ServicePulseOptions} from, lowest precedence first: defaults, a properties file
 * ({@code --config FILE}), environment variables ({@code SERVICEPULSE_} + key upper-cased with dots
 * and dashes as underscores, e.g. {@code SERVICEPULSE_CLICKHOUSE_URL}), and {@code --key value}
 * arguments. Unknown keys are an error, so a typo never silently falls back to a default.
 */
public final class JobConfig {

  public static final String PASSWORD_ENV = "SERVICEPULSE_CLICKHOUSE_PASSWORD";

  private final Configuration configuration;
  private final Map<String, String> env;

  private JobConfig(Configuration configuration, Map<String, String> env) {
    this.configuration = configuration;
    this.env = env;
  }

  public static JobConfig fromArgs(String[] args) {
    return fromArgs(args, System.getenv());
  }

  /** As {@link #fromArgs(String[])} with {@code env} instead of the process environment. */
  public static JobConfig fromArgs(String[] args, Map<String, String> env) {
    Set<String> known = Registered.KEYS;
    Configuration conf = new Configuration();
    Properties cli = parseArgs(args);
    String file = cli.getProperty("config");
    if (file != null) {
      cli.remove("config");
      putAll(conf, readProperties(Path.of(file)), known, "file " + file);
    }
    for (String key : known) {
      String value = env.get(envName(key));
      if (value != null) {
        conf.setString(key, value);
      }
    }
    putAll(conf, cli, known, "command line");
    return new JobConfig(conf, env);
  }

  /** A config holding exactly these values, e.g. for tests. */
  public static JobConfig of(Map<String, String> values) {
    Properties props = new Properties();
    props.putAll(values);
    Configuration conf = new Configuration();
    putAll(conf, props, Registered.KEYS, "map");
    return new JobConfig(conf, Map.of());
  }

  /** The shared options and those of every job on this classpath ({@link JobOptions}). */
  public static List<ConfigOption<?>> everyOption() {
    return Registered.OPTIONS;
  }

  /** True for a key of a job whose options are not on this classpath: another job's. */
  private static boolean anotherJobs(String key) {
    return ServicePulseOptions.JOB_PREFIXES.stream()
        .anyMatch(prefix -> key.startsWith(prefix) && !Registered.PREFIXES.contains(prefix));
  }

  /** The options on this classpath, looked up once (ServiceLoader). */
  private static final class Registered {
    static final List<JobOptions> JOBS = JobOptions.onClasspath();
    static final List<ConfigOption<?>> OPTIONS = every();
    static final Set<String> KEYS =
        OPTIONS.stream().map(ConfigOption::key).collect(Collectors.toUnmodifiableSet());
    static final Set<String> PREFIXES =
        JOBS.stream().map(JobOptions::prefix).collect(Collectors.toUnmodifiableSet());

    private static List<ConfigOption<?>> every() {
      List<ConfigOption<?>> options = new ArrayList<>(ServicePulseOptions.all());
      JOBS.forEach(job -> options.addAll(job.options()));
      return List.copyOf(options);
    }
  }

  public <T> T get(ConfigOption<T> option) {
    if (!Registered.KEYS.contains(option.key())) {
      // A job's own options not registered (META-INF/services lost in a jar): its keys would be
      // ignored as another job's; fail instead of running on defaults.
      throw new IllegalStateException(
          "option " + option.key() + " is read here but its JobOptions is not registered");
    }
    return configuration.get(option);
  }

  /** The shops' time zones and business hours; invalid zone ids or hours fail here. */
  public ShopCalendar shopCalendar() {
    return ShopCalendar.parse(
        get(ServicePulseOptions.EVENTS_TIME_ZONE),
        get(ServicePulseOptions.EVENTS_SHOP_TIME_ZONES),
        get(ServicePulseOptions.METRICS_BUSINESS_HOURS_START),
        get(ServicePulseOptions.METRICS_BUSINESS_HOURS_END),
        get(ServicePulseOptions.METRICS_BUSINESS_HOURS_BY_PLATFORM),
        get(ServicePulseOptions.METRICS_BUSINESS_HOURS_BY_SHOP));
  }

  /** Which buyer messages need no reply; an invalid expression fails here. */
  public NoReplyNeeded noReplyNeeded() {
    return NoReplyNeeded.of(get(ServicePulseOptions.EVENTS_NO_REPLY_NEEDED));
  }

  public Configuration asConfiguration() {
    return configuration;
  }

  /** The ClickHouse password from its file or environment variable; empty if neither is set. */
  public String clickHousePassword() {
    String file = configuration.get(ServicePulseOptions.CLICKHOUSE_PASSWORD_FILE);
    if (file != null) {
      try {
        return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read clickhouse.password-file " + file, e);
      }
    }
    return env.getOrDefault(PASSWORD_ENV, "");
  }

  public static String envName(String key) {
    return "SERVICEPULSE_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  private static Properties parseArgs(String[] args) {
    Properties props = new Properties();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("expected --key value, got '" + arg + "'");
      }
      String key = arg.substring(2);
      int eq = key.indexOf('=');
      if (eq >= 0) {
        props.setProperty(key.substring(0, eq), key.substring(eq + 1));
      } else if (i + 1 < args.length) {
        props.setProperty(key, args[++i]);
      } else {
        throw new IllegalArgumentException("missing value for --" + key);
      }
    }
    return props;
  }

  private static Properties readProperties(Path file) {
    Properties props = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      props.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read config file " + file, e);
    }
    return props;
  }

  private static void putAll(
      Configuration conf, Properties props, Set<String> known, String source) {
    for (String key : props.stringPropertyNames()) {
      if (key.equals("clickhouse.password")) {
        throw new IllegalArgumentException(
            "clickhouse.password is not accepted from the "
                + source
                + "; use "
                + PASSWORD_ENV
                + " or clickhouse.password-file");
      }
      if (!known.contains(key) && anotherJobs(key)) {
        continue;
      }
      if (!known.contains(key)) {
        throw new IllegalArgumentException(
            "unknown configuration key '" + key + "' in " + source + "; see the README's table");
      }
      conf.setString(key, props.getProperty(key));
    }
  }
}
