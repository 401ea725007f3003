#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Benchmarks (not tests): run on purpose, print their figures (throughput per core, latency
# percentiles, bytes of state per key). Starts the local stack when the benchmark needs it.
# Usage:
#   infra/bench.sh ingest      [--events N] [--rate R]      IngestJob, Kafka -> ClickHouse
#   infra/bench.sh metrics     [--events N] [--rate R] [--seconds S] [--out-of-orderness "30 s"]
#   infra/bench.sh attribution [EVENTS]                     keyed operators + state per buyer
#   infra/bench.sh qa          [SECONDS_PER_RUN] [THREADS]  inspector with CoreNLP on
#   infra/bench.sh compare     [--events N] [--jobs a,b] [--delay-seconds S] [--repeat N]
#                              [--warmups N] [--fork false] [--conf key=value,...]
#                              engine floor, three parts (shuffle, dedup, rows), then each job (each in
#                              its own warmed-up JVM): ratios, each job's code CPU per event
#                              (with the shuffle part); delays at half load
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

usage() {
  sed -n '4,15p' "$0" | sed 's/^# //' >&2
  exit 2
}

job="${1:-}"
[[ -n "$job" ]] || usage
shift

infra/setup.sh --quiet
[[ -f tools/demo/target/runtime.classpath ]] || ./mvnw -q -B -ntp install -DskipTests

start_stack() {
  infra/stack.sh start >/dev/null
  # shellcheck disable=SC1091
  source .servicepulse/stack/stack.env
}

# The benchmark mains live with each job's tests: compile them and list their test classpath.
test_classpath() {
  local module="$1"
  ./mvnw -q -B -ntp -pl "$module" test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >&2
  echo "$module/target/test-classes:$module/target/classes:$(cat "$module/target/bench.classpath")"
}

case "$job" in
  ingest)
    start_stack
    exec java -Xmx6g -cp "tools/demo/target/classes:$(cat tools/demo/target/runtime.classpath)" \
      io.servicepulse.demo.IngestBenchmark \
      --bootstrap-servers "$KAFKA_BOOTSTRAP_SERVERS" \
      --clickhouse-url "jdbc:clickhouse://${CLICKHOUSE_HOST}:${CLICKHOUSE_TCP_PORT}/servicepulse_bench" \
      "$@"
    ;;
  metrics)
    start_stack
    cp="$(test_classpath jobs/metrics)"
    exec java -Xmx4g -cp "$cp" io.servicepulse.metrics.bench.ServiceMetricsBenchmark \
      --bootstrap-servers "$KAFKA_BOOTSTRAP_SERVERS" \
      --clickhouse-url "jdbc:clickhouse://${CLICKHOUSE_HOST}:${CLICKHOUSE_TCP_PORT}/servicepulse_bench_metrics" \
      "$@"
    ;;
  compare)
    start_stack
    exec java -Xmx6g -cp "tools/demo/target/classes:$(cat tools/demo/target/runtime.classpath)" \
      io.servicepulse.demo.CompareBenchmark \
      --bootstrap-servers "$KAFKA_BOOTSTRAP_SERVERS" \
      --clickhouse-url "jdbc:clickhouse://${CLICKHOUSE_HOST}:${CLICKHOUSE_TCP_PORT}/servicepulse_bench_compare" \
      --qa-model-root "$repo/jobs/qa/target/corenlp-models" \
      --server-pids "${KAFKA_PID:-},${CLICKHOUSE_PID:-}" \
      "$@"
    ;;
  attribution)
    cp="$(test_classpath jobs/attribution)"
    exec java -Xmx3g -cp "$cp" io.servicepulse.attribution.AttributionBenchmark "$@"
    ;;
  qa)
    exec jobs/qa/benchmark.sh "$@"
    ;;
  *)
    usage
    ;;
esac
