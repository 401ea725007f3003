#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Starts, stops or checks the local Kafka (KRaft) + ClickHouse stack, optionally with a Flink
# standalone session cluster, from any directory.
# State, data and logs live in <repo>/.servicepulse/stack; endpoints in its stack.env.
# Ports are picked free at the first start and kept in ports.env; later starts reuse them.
# Usage: infra/stack.sh start [--flink [--taskmanagers N]] [--new-ports] | stop | status
#        infra/stack.sh flink start|stop|status|submit|cancel ...   (what infra/flink.sh runs)
set -euo pipefail

INFRA="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(dirname "$INFRA")"
STATE_DIR="$REPO/.servicepulse/stack"
MODULE="$REPO/infra/local-stack"
CLASSES="$MODULE/target/classes"
# Written by the build: the jars of the Kafka broker, a superset of what the CLI needs.
CLASSPATH_FILE="$CLASSES/io/servicepulse/stack/kafka-server.classpath"

usage() {
  echo "Usage: $0 start [--flink [--taskmanagers N]] [--new-ports] | stop | status" >&2
  echo "       $0 flink start [--taskmanagers N] | stop | status | submit JAR [ARGS...] | cancel JOB_ID" >&2
  exit 2
}

case "${1:-}" in
  start | stop | status)
    main=io.servicepulse.stack.LocalStack
    ;;
  flink)
    main=io.servicepulse.stack.FlinkCluster
    shift
    [[ $# -gt 0 ]] || usage
    ;;
  *) usage ;;
esac
command="$1"
shift

if [[ "$command" == start ]] || ! command -v java >/dev/null 2>&1; then
  "$INFRA/setup.sh" --quiet
fi

# Build the module when it was never built or its sources changed since.
if [[ ! -f "$CLASSPATH_FILE" || ! -f "$CLASSES/io/servicepulse/stack/LocalStack.class" ]] \
  || [[ -n "$(find "$MODULE/src" "$MODULE/pom.xml" -newer "$CLASSPATH_FILE" -print -quit)" ]]; then
  echo "Building infra/local-stack..."
  (cd "$REPO" && ./mvnw -q -pl infra/local-stack -am install -DskipTests)
fi

if [[ "$main" == *LocalStack ]]; then
  exec java -cp "$CLASSES:$(cat "$CLASSPATH_FILE")" "$main" "$command" "$@" --state-dir "$STATE_DIR"
fi
# FlinkCluster: options first; whatever follows `submit JAR` goes to the job unchanged.
exec java -cp "$CLASSES:$(cat "$CLASSPATH_FILE")" "$main" --state-dir "$STATE_DIR" "$command" "$@"
