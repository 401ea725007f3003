#!/usr/bin/env bash
# Starts, stops or checks the local Kafka (KRaft) + ClickHouse stack, from any directory.
# State, data and logs live in <repo>/.servicepulse/stack; endpoints in its stack.env.
# Usage: infra/stack.sh start|stop|status
set -euo pipefail

INFRA="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(dirname "$INFRA")"
STATE_DIR="$REPO/.servicepulse/stack"
MODULE="$REPO/infra/local-stack"
CLASSES="$MODULE/target/classes"
# Written by the build: the jars of the Kafka broker, a superset of what the CLI needs.
CLASSPATH_FILE="$CLASSES/io/servicepulse/stack/kafka-server.classpath"

case "${1:-}" in
  start | stop | status) command="$1" ;;
  *)
    echo "Usage: $0 start|stop|status" >&2
    exit 2
    ;;
esac

if [[ "$command" == start ]] || ! command -v java >/dev/null 2>&1; then
  "$INFRA/setup.sh" --quiet
fi

# Build the module when it was never built or its sources changed since.
if [[ ! -f "$CLASSPATH_FILE" || ! -f "$CLASSES/io/servicepulse/stack/LocalStack.class" ]] \
  || [[ -n "$(find "$MODULE/src" "$MODULE/pom.xml" -newer "$CLASSPATH_FILE" -print -quit)" ]]; then
  echo "Building infra/local-stack..."
  (cd "$REPO" && mvn -q -pl infra/local-stack -am install -DskipTests)
fi

exec java -cp "$CLASSES:$(cat "$CLASSPATH_FILE")" io.servicepulse.stack.LocalStack \
  "$command" --state-dir "$STATE_DIR"
