// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.demo;

/**
 * How much CPU a job's own code takes per event, and how much it may take for a ratio to the floor,
 * from three runs of one round: the floor, the shuffle part and the job. All figures are CPU µs per
 * event of every process measured (the JVM, the Kafka broker, the ClickHouse server), so work the
 * servers do for the job counts on the cores it shares with them.
 *
 * <p>What the job cannot avoid: the floor's work ({@code floor}), one shuffle of each event (the
 * shuffle part's CPU beyond the floor's: {@code shuffle}; the jobs shuffle each event once or more)
 * and the servers' CPU for what it writes ({@code servers}, beyond the floor's own). The rest is
 * its code ({@link #codeNow}). With the cores busy, the ratio is the floor's CPU per event over the
 * job's, so a ratio {@code r} allows {@code floor / r − floor − shuffle − servers} of code ({@link
 * #codeAllowed}); with code free the job reaches {@link #ceiling}.
 *
 * @param floor CPU µs per event of the floor run
 * @param shuffle CPU µs per event one shuffle by event id adds
 * @param servers CPU µs per event the Kafka broker and ClickHouse add for the job's outputs
 * @param job CPU µs per event of the job run
 */
public record CodeBudget(double floor, double shuffle, double servers, double job) {

  /** CPU µs per event of a run: its JVM's CPU and the servers'. */
  private static double perEvent(CompareBenchmark.Run run) {
    return (run.cpuSeconds() + run.serverCpuSeconds()) * 1e6 / run.events();
  }

  /** CPU µs per event of the servers alone in a run. */
  private static double serversPerEvent(CompareBenchmark.Run run) {
    return run.serverCpuSeconds() * 1e6 / run.events();
  }

  static CodeBudget of(
      CompareBenchmark.Run floor, CompareBenchmark.Run shuffle, CompareBenchmark.Run job) {
    return new CodeBudget(
        perEvent(floor),
        Math.max(0, perEvent(shuffle) - perEvent(floor)),
        Math.max(0, serversPerEvent(job) - serversPerEvent(floor)),
        perEvent(job));
  }

  /** CPU µs per event of the job's own code: the job's, less the floor, shuffle and servers. */
  public double codeNow() {
    return job - floor - shuffle - servers;
  }

  /** CPU µs per event the job's code may take for {@code ratio} of the floor (below 0: none). */
  public double codeAllowed(double ratio) {
    return floor / ratio - floor - shuffle - servers;
  }

  /** The ratio the job would reach if its own code cost nothing. */
  public double ceiling() {
    return floor / (floor + shuffle + servers);
  }
}
