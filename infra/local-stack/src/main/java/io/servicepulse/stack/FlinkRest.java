// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A client of a Flink cluster's REST API (the local one or any other session cluster): upload and
 * run a job jar, read a job's status, cancel it. Plain {@code java.net.http}, so it needs none of
 * Flink's jars.
 */
public final class FlinkRest {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration QUICK_TIMEOUT = Duration.ofSeconds(10);
  // Running a jar executes its main() in the JobManager (our jobs migrate ClickHouse there).
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);

  private final String baseUrl;
  private final HttpClient http;

  public FlinkRest(String baseUrl) {
    this.baseUrl = baseUrl.replaceAll("/+$", "");
    this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
  }

  public String baseUrl() {
    return baseUrl;
  }

  /** The web UI page of a job. */
  public String jobUrl(String jobId) {
    return baseUrl + "/#/job/running/" + jobId + "/overview";
  }

  /** {@code GET /overview}: TaskManagers, slots, jobs by state, Flink version. */
  public Map<String, Object> overview() {
    return getObject("/overview");
  }

  /** How many TaskManagers have registered; fails if the REST endpoint does not answer. */
  public int registeredTaskManagers() {
    return ((Number) overview().get("taskmanagers")).intValue();
  }

  /**
   * Uploads {@code jar}, runs its Main-Class with {@code programArgs} and returns the job id. The
   * uploaded copy is deleted afterwards; the job keeps its own. To start from a retained
   * checkpoint, pass the job's own option ({@code --job.restore-from PATH}).
   */
  public String submit(Path jar, List<String> programArgs) {
    String jarId = uploadJar(jar);
    try {
      return runJar(jarId, programArgs);
    } finally {
      deleteJar(jarId);
    }
  }

  /** Best effort: a jar left behind only takes disk space in the cluster's upload dir. */
  private void deleteJar(String jarId) {
    try {
      send(HttpRequest.newBuilder(uri("/jars/" + jarId)).DELETE().timeout(QUICK_TIMEOUT), 200);
    } catch (RuntimeException e) {
      // Keep the submission's own outcome (job id or error); the jar stays in the upload dir.
    }
  }

  /** {@code POST /jars/upload}; returns the jar id for {@link #runJar}. */
  public String uploadJar(Path jar) {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalArgumentException(
          "Job jar " + jar + " does not exist; build it with `mvn package` in its module.");
    }
    String boundary = "----servicepulse-" + UUID.randomUUID();
    String head =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
            + jar.getFileName()
            + "\"\r\nContent-Type: application/java-archive\r\n\r\n";
    String tail = "\r\n--" + boundary + "--\r\n";
    HttpRequest.BodyPublisher body;
    try {
      body =
          BodyPublishers.concat(
              BodyPublishers.ofString(head, StandardCharsets.UTF_8),
              BodyPublishers.ofFile(jar),
              BodyPublishers.ofString(tail, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + jar, e);
    }
    Map<String, Object> response =
        Json.parseObject(
            send(
                HttpRequest.newBuilder(uri("/jars/upload"))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(body)
                    .timeout(RUN_TIMEOUT),
                200));
    String filename = String.valueOf(response.get("filename"));
    return Path.of(filename).getFileName().toString();
  }

  /** {@code POST /jars/:id/run} with the arguments of the job's main(); returns the job id. */
  public String runJar(String jarId, List<String> programArgs) {
    String request = "{\"programArgsList\":" + Json.quoteAll(programArgs) + "}";
    Map<String, Object> response =
        Json.parseObject(
            send(
                HttpRequest.newBuilder(uri("/jars/" + jarId + "/run"))
                    .header("Content-Type", "application/json")
                    .POST(BodyPublishers.ofString(request, StandardCharsets.UTF_8))
                    .timeout(RUN_TIMEOUT),
                200));
    return String.valueOf(response.get("jobid"));
  }

  /** {@code GET /jobs/:id/status}: CREATED, RUNNING, FAILING, FAILED, CANCELED, FINISHED… */
  public String jobStatus(String jobId) {
    return String.valueOf(getObject("/jobs/" + jobId + "/status").get("status"));
  }

  /** {@code GET /jobs/overview}: each job's id ("jid"), "name" and "state". */
  @SuppressWarnings("unchecked")
  public List<Map<String, Object>> jobs() {
    return (List<Map<String, Object>>) getObject("/jobs/overview").get("jobs");
  }

  /** {@code PATCH /jobs/:id?mode=cancel}: cancels the job; its last checkpoint is retained. */
  public void cancel(String jobId) {
    send(
        HttpRequest.newBuilder(uri("/jobs/" + jobId + "?mode=cancel"))
            .method("PATCH", BodyPublishers.noBody())
            .timeout(QUICK_TIMEOUT),
        202);
  }

  /**
   * {@code POST /jobs/:id/stop} with {@code drain}: advances the job to the end of event time,
   * takes a savepoint into {@code targetDirectory} and finishes the job ({@code flink stop
   * --drain}); waits for the savepoint and returns its path.
   */
  public String stopWithDrain(String jobId, String targetDirectory, Duration timeout) {
    String request = "{\"drain\":true,\"targetDirectory\":" + Json.quote(targetDirectory) + "}";
    Map<String, Object> trigger =
        Json.parseObject(
            send(
                HttpRequest.newBuilder(uri("/jobs/" + jobId + "/stop"))
                    .header("Content-Type", "application/json")
                    .POST(BodyPublishers.ofString(request, StandardCharsets.UTF_8))
                    .timeout(QUICK_TIMEOUT),
                202));
    String path = "/jobs/" + jobId + "/savepoints/" + trigger.get("request-id");
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Map<String, Object> status = getObject(path);
      if (status.get("status") instanceof Map<?, ?> s && "COMPLETED".equals(s.get("id"))) {
        if (status.get("operation") instanceof Map<?, ?> op && op.get("location") != null) {
          return String.valueOf(op.get("location"));
        }
        throw new IllegalStateException("stop --drain of " + jobId + " failed: " + status);
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while draining " + jobId, e);
      }
    }
    throw new IllegalStateException("stop --drain of " + jobId + " took longer than " + timeout);
  }

  /**
   * The checkpoint or savepoint the job was started from ({@code GET /jobs/:id/checkpoints},
   * latest.restored.external_path), if any.
   */
  public Optional<String> restoredFrom(String jobId) {
    Object latest = getObject("/jobs/" + jobId + "/checkpoints").get("latest");
    if (latest instanceof Map<?, ?> map && map.get("restored") instanceof Map<?, ?> restored) {
      return Optional.of(String.valueOf(restored.get("external_path")));
    }
    return Optional.empty();
  }

  /** {@code GET /jobs/:id/exceptions}: the root cause of a failed or restarting job, if any. */
  public String rootException(String jobId) {
    Object history = getObject("/jobs/" + jobId + "/exceptions").get("exceptionHistory");
    if (history instanceof Map<?, ?> map && map.get("entries") instanceof List<?> entries) {
      if (!entries.isEmpty() && entries.get(0) instanceof Map<?, ?> latest) {
        return String.valueOf(latest.get("stacktrace"));
      }
    }
    return "";
  }

  private Map<String, Object> getObject(String path) {
    return Json.parseObject(
        send(HttpRequest.newBuilder(uri(path)).GET().timeout(QUICK_TIMEOUT), 200));
  }

  private String send(HttpRequest.Builder request, int expectedStatus) {
    HttpRequest built = request.build();
    HttpResponse<String> response;
    try {
      response = http.send(built, BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Flink REST " + built.method() + " " + built.uri() + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted during " + built.uri(), e);
    }
    if (response.statusCode() != expectedStatus) {
      throw new IllegalStateException(
          "Flink REST "
              + built.method()
              + " "
              + built.uri()
              + " answered "
              + response.statusCode()
              + ": "
              + response.body());
    }
    return response.body();
  }

  private URI uri(String path) {
    return URI.create(baseUrl + path);
  }
}
