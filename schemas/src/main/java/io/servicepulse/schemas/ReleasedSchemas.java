// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.SchemaStore;

/**
 * Every released version of the event schemas, looked up by the fingerprint that Avro single-object
 * encoding puts in front of each record.
 *
 * <p>Released versions ship inside this jar ({@code schemas/avro/released/Name.vN.avsc}). A running
 * job can also be given a folder of newer versions ({@code schemas.dir}), so it decodes records
 * from producers that were upgraded before it was.
 */
public final class ReleasedSchemas implements SchemaStore {

  private static final String RESOURCE_DIR = "/io/servicepulse/schemas/avro/";

  private final SchemaStore.Cache cache = new SchemaStore.Cache();
  private final List<Schema> schemas = new ArrayList<>();

  private ReleasedSchemas() {}

  /** The records of every topic, by simple name; each has {@code Name.v1.avsc} and up. */
  public static final List<String> RECORDS =
      List.of("ChatMessage", "OrderEvent", "ServiceFeedback", "AfterSalesEvent", "AgentEvent");

  /** The versions shipped in this jar. */
  public static ReleasedSchemas bundled() {
    ReleasedSchemas store = new ReleasedSchemas();
    for (String name : RECORDS) {
      for (int version = 1; ; version++) {
        String resource = RESOURCE_DIR + name + ".v" + version + ".avsc";
        try (InputStream in = ReleasedSchemas.class.getResourceAsStream(resource)) {
          if (in == null) {
            break;
          }
          store.add(new Schema.Parser().parse(in));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read bundled schema " + resource, e);
        }
      }
    }
    return store;
  }

  /** The bundled versions plus every {@code *.avsc} in {@code dir} (null or missing: none). */
  public static ReleasedSchemas bundledPlus(Path dir) {
    ReleasedSchemas store = bundled();
    if (dir == null || !Files.isDirectory(dir)) {
      return store;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.avsc")) {
      for (Path file : files) {
        store.add(new Schema.Parser().parse(file.toFile()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read schemas from " + dir, e);
    }
    return store;
  }

  public void add(Schema schema) {
    cache.addSchema(schema);
    schemas.add(schema);
  }

  /** All known versions of the record with this full name, oldest first. */
  public List<Schema> versionsOf(String fullName) {
    return schemas.stream().filter(s -> s.getFullName().equals(fullName)).toList();
  }

  @Override
  public Schema findByFingerprint(long fingerprint) {
    return cache.findByFingerprint(fingerprint);
  }

  /** The fingerprint single-object encoding writes for {@code schema}. */
  public static long fingerprint(Schema schema) {
    return SchemaNormalization.parsingFingerprint64(schema);
  }
}
