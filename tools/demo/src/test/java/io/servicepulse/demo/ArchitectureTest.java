// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.demo;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shape of the house, as a test: shared code knows no job, jobs know no other job, and the pure
 * logic (the shop calendar, the inspector, the event model, the generator, the console) runs
 * without Flink's runtime. Node uids and names of every job graph: {@link JobGraphShapeTest}.
 */
class ArchitectureTest {

  private static final List<String> JOBS =
      List.of("ingest", "metrics", "attribution", "qa", "aftersales");

  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.servicepulse");

  @Test
  void sharedCodeKnowsNoJobToolOrConsole() {
    noClasses()
        .that()
        .resideInAPackage("io.servicepulse.common..")
        .and()
        .resideOutsideOfPackage("io.servicepulse.common.testing..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.servicepulse.ingest..",
            "io.servicepulse.metrics..",
            "io.servicepulse.attribution..",
            "io.servicepulse.qa..",
            "io.servicepulse.aftersales..",
            "io.servicepulse.review..",
            "io.servicepulse.demo..",
            "io.servicepulse.generator..")
        .check(CLASSES);
  }

  @Test
  void aJobKnowsNoOtherJob() {
    for (String job : JOBS) {
      String[] others =
          JOBS.stream()
              .filter(j -> !j.equals(job))
              .map(j -> "io.servicepulse." + j + "..")
              .toArray(String[]::new);
      noClasses()
          .that()
          .resideInAPackage("io.servicepulse." + job + "..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(others)
          .because("jobs share code through jobs/common only")
          .check(CLASSES);
    }
  }

  @Test
  void pureLogicRunsWithoutFlinksRuntime() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "io.servicepulse.common.time..",
            "io.servicepulse.qa.inspect..",
            "io.servicepulse.qa.model..",
            "io.servicepulse.schemas..",
            "io.servicepulse.events..",
            "io.servicepulse.generator..",
            "io.servicepulse.review..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.apache.flink.streaming..",
            "org.apache.flink.runtime..",
            "org.apache.flink.api.common.state..",
            "org.apache.flink.api.common.functions..",
            "org.apache.flink.api.connector..")
        .because("logic is tested without Flink; only the job wiring and its functions use it")
        .check(CLASSES);
  }
}
