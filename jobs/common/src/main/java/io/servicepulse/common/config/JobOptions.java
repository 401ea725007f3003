// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.config;

import java.util.List;
import java.util.ServiceLoader;
import org.apache.flink.configuration.ConfigOption;

/**
 * One job's own configuration keys, declared in its module as {@code static ConfigOption} fields of
 * the implementing class, all under {@link #prefix()} (one of {@link
 * ServicePulseOptions#JOB_PREFIXES}). Registered in the module's {@code
 * META-INF/services/io.servicepulse.common.config.JobOptions}, so {@link JobConfig} knows the keys
 * of the jobs on its classpath: a job jar its own, the local pipeline every job's.
 */
public interface JobOptions {

  /** The prefix of every key here, e.g. {@code "metrics."}. */
  String prefix();

  /** The options, in declaration order. */
  default List<ConfigOption<?>> options() {
    return ServicePulseOptions.declaredIn(getClass());
  }

  /**
   * Every job's options on this classpath, in the order of {@link
   * ServicePulseOptions#JOB_PREFIXES}.
   */
  static List<JobOptions> onClasspath() {
    return ServiceLoader.load(JobOptions.class, JobOptions.class.getClassLoader()).stream()
        .map(ServiceLoader.Provider::get)
        .sorted(
            java.util.Comparator.comparingInt(
                o -> ServicePulseOptions.JOB_PREFIXES.indexOf(o.prefix())))
        .toList();
  }
}
