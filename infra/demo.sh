#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The whole pipeline end to end on local defaults, from a fresh Debian machine:
# installs what is missing, builds, starts Kafka (KRaft) and ClickHouse on free local ports,
# generates events with ground truth, runs every job in a local Flink runtime (killing it
# half-way and restarting it from its checkpoint), shows progress, and prints a summary read
# back from ClickHouse. Exit code 0 only if ClickHouse matches the ground truth.
# Usage: infra/demo.sh [--events N] [--rate EVENTS_PER_S] [--seed S] [--poison-rate R]
#                      [--fault crash|broker-restart|clickhouse-restart|none] [--outage-seconds S]
#                      [--serve]
# --serve: after the summary, start the QA review console on a free local port, print its URL
# and the demo accounts, and keep it (and the stack) up until Ctrl-C.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

serve=0
demo_args=()
for arg in "$@"; do
  if [[ "$arg" == "--serve" ]]; then
    serve=1
  else
    demo_args+=("$arg")
  fi
done

infra/setup.sh --quiet
echo "Building ServicePulse (the first build downloads dependencies from Maven Central)..."
./mvnw -q -B -ntp install -DskipTests
infra/stack.sh start
# shellcheck disable=SC1091
source .servicepulse/stack/stack.env

java -Xmx4g -cp "tools/demo/target/classes:$(cat tools/demo/target/runtime.classpath)" \
  io.servicepulse.demo.DemoRun \
  --bootstrap-servers "$KAFKA_BOOTSTRAP_SERVERS" \
  --clickhouse-url "jdbc:clickhouse://${CLICKHOUSE_HOST}:${CLICKHOUSE_TCP_PORT}/servicepulse" \
  --state-dir "$repo/.servicepulse/demo" \
  --stack-dir "$repo/.servicepulse/stack" \
  --qa-model-root "$repo/jobs/qa/target/corenlp-models" \
  ${demo_args[@]+"${demo_args[@]}"}

# The QA team's place: accounts for the demo's shops (passwords printed once), and how to open it.
if [[ "${SERVICEPULSE_DEMO_CONSOLE:-1}" != 0 || "$serve" == 1 ]]; then
  echo
  echo "QA review console (质检复核台): demo accounts"
  review/console.sh demo-users
  if [[ "$serve" == 1 ]]; then
    echo "质检复核台启动中，按 Ctrl-C 停止 Starting the console; Ctrl-C stops it (the stack stays up:"
    echo "infra/stack.sh stop). Its URL follows:"
    # A free port (0): 8090 may be taken. The console prints its URL and runs until Ctrl-C.
    exec review/console.sh serve --review.port 0
  fi
  echo "Open it with:  review/console.sh serve   then http://127.0.0.1:8090/ (log in with an account above)"
  echo "(or run the demo with --serve to have it started here)"
fi
