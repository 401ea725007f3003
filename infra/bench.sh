#!/usr/bin/env bash
# Benchmarks (not tests): run on purpose, print their figures. Starts the local stack if needed.
# Usage: infra/bench.sh ingest [--events N] [--rate R]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

case "${1:-}" in
  ingest) main=io.servicepulse.demo.IngestBenchmark ;;
  *)
    echo "Usage: $0 ingest [--events N] [--rate R]" >&2
    exit 2
    ;;
esac
shift

infra/setup.sh --quiet
[[ -f tools/demo/target/runtime.classpath ]] || mvn -q -B -ntp install -DskipTests
infra/stack.sh start >/dev/null
# shellcheck disable=SC1091
source .servicepulse/stack/stack.env

exec java -Xmx6g -cp "tools/demo/target/classes:$(cat tools/demo/target/runtime.classpath)" "$main" \
  --bootstrap-servers "$KAFKA_BOOTSTRAP_SERVERS" \
  --clickhouse-url "jdbc:clickhouse://${CLICKHOUSE_HOST}:${CLICKHOUSE_TCP_PORT}/servicepulse_bench" \
  "$@"
