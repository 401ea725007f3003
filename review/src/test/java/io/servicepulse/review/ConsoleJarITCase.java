// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review;

import static io.servicepulse.stack.Polling.pollUntil;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicepulse.stack.LocalStackExtension;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The production console: one runnable jar, licensed like the project, serving on its own. */
class ConsoleJarITCase {

  @RegisterExtension static final LocalStackExtension STACK = new LocalStackExtension();

  @Test
  void theConsoleJarRunsOnItsOwnAndCarriesTheProjectLicence() throws Exception {
    Path jar = consoleJar();
    try (JarFile file = new JarFile(jar.toFile())) {
      assertThat(text(file, "LICENSE")).contains("GNU GENERAL PUBLIC LICENSE");
      assertThat(text(file, "NOTICE")).contains("ServicePulse");
    }
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Process console =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString(),
                "serve",
                "--review.port",
                String.valueOf(port),
                "--clickhouse.url",
                STACK.clickHouseUrl())
            .redirectErrorStream(true)
            .redirectOutput(Files.createTempFile("console", ".log").toFile())
            .start();
    try {
      HttpClient http = HttpClient.newHttpClient();
      HttpRequest login =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login")).build();
      pollUntil(
          () -> {
            try {
              return http.send(login, HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
            } catch (java.io.IOException e) {
              return false;
            }
          },
          Duration.ofMinutes(1),
          "the console jar serving its login page");
      assertThat(http.send(login, HttpResponse.BodyHandlers.ofString()).body()).contains("登录");
    } finally {
      console.destroy();
      console.waitFor();
    }
  }

  private static Path consoleJar() throws Exception {
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      List<Path> jars =
          files.filter(p -> p.getFileName().toString().endsWith("-console.jar")).toList();
      assertThat(jars).as("target/*-console.jar (package runs before this test)").hasSize(1);
      return jars.get(0);
    }
  }

  private static String text(JarFile jar, String name) throws Exception {
    var entry = jar.getJarEntry(name);
    assertThat(entry).as(name).isNotNull();
    try (InputStream in = jar.getInputStream(entry)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
