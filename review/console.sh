#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the QA review console and runs one of its commands against the local stack
# (infra/stack.sh start; database servicepulse) or the ClickHouse named by
# SERVICEPULSE_CLICKHOUSE_URL / --clickhouse.url. Both commands apply the migrations first.
# Usage: review/console.sh create-user --username NAME --role reviewer|qa_lead|agent|manager \
#            --shops SHOP[,SHOP...] [--agent-id AGENT_ID]      (prints the generated password)
#        review/console.sh serve [--review.port 8090] [--review.bind 127.0.0.1] ...
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

"$repo/mvnw" -q -B -ntp -pl review -am compile >&2
if [[ -z "${SERVICEPULSE_CLICKHOUSE_URL:-}" && -f .servicepulse/stack/stack.env ]]; then
  # shellcheck disable=SC1091
  source .servicepulse/stack/stack.env
  export SERVICEPULSE_CLICKHOUSE_URL="jdbc:clickhouse://${CLICKHOUSE_HOST}:${CLICKHOUSE_TCP_PORT}/servicepulse"
fi
exec java -cp "review/target/classes:$(cat review/target/runtime.classpath)" \
  io.servicepulse.review.ReviewMain "$@"
