// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.clickhouse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the numbered DDL files of {@code schemas/clickhouse} ({@code NNN_name.sql}) in order,
 * recording each in {@code schema_migrations}. Safe to run twice and from several jobs at once:
 * applied versions are skipped and every statement is {@code IF NOT EXISTS} (or an {@code ADD
 * COLUMN} whose column may already be there). A file changed after it was applied is an error: add
 * a new numbered file instead.
 */
public final class ClickHouseMigrations {

  private static final Logger LOG = LoggerFactory.getLogger(ClickHouseMigrations.class);
  private static final String RESOURCE_DIR = "io/servicepulse/schemas/clickhouse";

  private static final Pattern ADD_COLUMN =
      Pattern.compile("(?is)^\\s*ALTER\\s+TABLE\\s+\\S+\\s+ADD\\s+COLUMN\\s+.*");

  /** The table recording applied migrations. */
  public static final String SCHEMA_MIGRATIONS_DDL =
      "CREATE TABLE IF NOT EXISTS schema_migrations (version UInt32, name String,"
          + " checksum String, applied_ms Int64) ENGINE = ReplacingMergeTree(applied_ms)"
          + " ORDER BY version";

  /**
   * ClickHouse 18.16 has no {@code ADD COLUMN IF NOT EXISTS}: an {@code ADD COLUMN} that fails
   * because the column exists (error 44) counts as applied, so such a migration is idempotent too.
   * Public for the test that checks ClickHouse 26.x words the error the same way.
   */
  public static boolean isColumnAddedBefore(String statement, SQLException e) {
    String message = String.valueOf(e.getMessage());
    return ADD_COLUMN.matcher(statement).matches()
        && message.contains("column with this name already exists");
  }

  /** One DDL file. */
  public record Migration(int version, String name, String sql) {
    String checksum() {
      try {
        byte[] digest =
            MessageDigest.getInstance("SHA-256").digest(sql.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    /** Statements separated by ';' at a line end; comment lines removed. */
    public List<String> statements() {
      List<String> statements = new ArrayList<>();
      StringBuilder current = new StringBuilder();
      for (String line : sql.split("\n")) {
        if (line.strip().startsWith("--")) {
          continue;
        }
        current.append(line).append('\n');
        if (line.strip().endsWith(";")) {
          statements.add(current.toString().strip().replaceFirst(";$", ""));
          current.setLength(0);
        }
      }
      if (!current.toString().isBlank()) {
        statements.add(current.toString().strip());
      }
      return statements;
    }
  }

  private final ClickHouseConnectionFactory connections;

  public ClickHouseMigrations(ClickHouseConnectionFactory connections) {
    this.connections = connections;
  }

  /**
   * Drops the URL's database and migrates it from nothing (demo and benchmarks start from empty
   * tables). Dropping waits for the tables' merges, which can outlast the query timeout on a busy
   * machine, so the drop may take up to 5 minutes.
   */
  public List<Migration> recreate() throws SQLException {
    try (Connection server =
            connections.withoutDatabase().withQueryTimeout(Duration.ofMinutes(5)).open();
        Statement st = server.createStatement()) {
      st.execute(
          "DROP DATABASE IF EXISTS " + quoteIdentifier(ClickHouseUrls.database(connections.url())));
    }
    return migrate();
  }

  /** Creates the URL's database if needed and applies every pending migration; returns them. */
  public List<Migration> migrate() throws SQLException {
    String database = ClickHouseUrls.database(connections.url());
    try (Connection server = connections.withoutDatabase().open();
        Statement st = server.createStatement()) {
      st.execute("CREATE DATABASE IF NOT EXISTS " + quoteIdentifier(database));
    }
    List<Migration> applied = new ArrayList<>();
    try (Connection connection = connections.open()) {
      try (Statement st = connection.createStatement()) {
        st.execute(SCHEMA_MIGRATIONS_DDL);
      }
      Map<Integer, String> done = appliedChecksums(connection, connections.driverClass());
      for (Migration migration : bundled()) {
        String checksum = done.get(migration.version());
        if (checksum != null) {
          if (!checksum.equals(migration.checksum())) {
            throw new SQLException(
                "migration "
                    + migration.name()
                    + " changed after it was applied to "
                    + database
                    + "; add a new numbered migration instead of editing an applied one");
          }
          continue;
        }
        try (Statement st = connection.createStatement()) {
          for (String statement : migration.statements()) {
            try {
              st.execute(statement);
            } catch (SQLException e) {
              if (!isColumnAddedBefore(statement, e)) {
                throw e;
              }
              // Another job migrating at the same moment added it first.
              LOG.info("{}: column already there ({})", migration.name(), e.getMessage());
            }
          }
        }
        try (PreparedStatement record =
            connection.prepareStatement(
                "INSERT INTO schema_migrations (version, name, checksum, applied_ms)"
                    + " VALUES (?, ?, ?, ?)")) {
          record.setInt(1, migration.version());
          record.setString(2, migration.name());
          record.setString(3, migration.checksum());
          record.setLong(4, System.currentTimeMillis());
          record.executeUpdate();
        }
        LOG.info("applied ClickHouse migration {} to {}", migration.name(), database);
        applied.add(migration);
      }
    }
    return applied;
  }

  private static Map<Integer, String> appliedChecksums(Connection connection, String driver)
      throws SQLException {
    Map<Integer, String> done = new HashMap<>();
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("SELECT version, checksum FROM schema_migrations FINAL")) {
      while (rs.next()) {
        done.put(rs.getInt(1), rs.getString(2));
      }
    } catch (SQLException e) {
      if (!ClickHouseUrls.OFFICIAL_DRIVER.equals(driver)) {
        throw e;
      }
      // The official driver asks for RowBinaryWithNamesAndTypes in a header; ClickHouse 18.16
      // ignores the header, answers TabSeparated, and the driver reports a missing ResultSet.
      throw new SQLException(
          "cannot read schema_migrations through "
              + driver
              + " ("
              + e.getMessage()
              + "). If the server is older than the driver supports (18.16 has no"
              + " RowBinaryWithNamesAndTypes format), migrate it with clickhouse.driver="
              + ClickHouseUrls.NATIVE_DRIVER
              + " on its tcp_port",
          e.getSQLState(),
          e.getErrorCode(),
          e);
    }
    return done;
  }

  /** The DDL files on the classpath, ordered by their number. */
  public static List<Migration> bundled() {
    URL url = ClickHouseMigrations.class.getClassLoader().getResource(RESOURCE_DIR);
    if (url == null) {
      throw new IllegalStateException(RESOURCE_DIR + " is not on the classpath");
    }
    try {
      URI uri = url.toURI();
      if ("jar".equals(uri.getScheme())) {
        try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
          return read(jar.getPath(RESOURCE_DIR));
        }
      }
      return read(Path.of(uri));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Migration> read(Path dir) throws IOException {
    List<Migration> migrations = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".sql")).sorted().toList()) {
        String name = file.getFileName().toString();
        int version = Integer.parseInt(name.substring(0, name.indexOf('_')));
        try (InputStream in = Files.newInputStream(file)) {
          migrations.add(
              new Migration(version, name, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
      }
    }
    return migrations;
  }

  static String quoteIdentifier(String name) {
    if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException("not a plain ClickHouse identifier: " + name);
    }
    return name;
  }
}
