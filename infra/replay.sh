#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Re-sends chosen dead letters to Kafka after a fix (README: "Replaying dead letters").
# Usage: infra/replay.sh (--where "EXPR" | --id DEAD_LETTER_ID ...) [--to-topic TOPIC] [--dry-run]
#          [--limit N] [job options: --config FILE, --kafka.bootstrap-servers ..., --clickhouse.url ...]
# Runs io.servicepulse.common.deadletter.DeadLetterReplay from the build of jobs/common
# (built here when missing or older than its sources). Exit: 0 all sent, 1 some not, 2 usage.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
module="$repo/jobs/common"
classpath_file="$module/target/replay.classpath"

if [[ ! -f "$classpath_file" || ! -f "$module/target/classes/io/servicepulse/common/deadletter/DeadLetterReplay.class" ]] \
  || [[ -n "$(find "$module/src/main" "$repo/schemas/src/main" "$module/pom.xml" -newer "$classpath_file" -print -quit)" ]]; then
  echo "Building jobs/common..." >&2
  # Test scope: Flink (its options) is 'provided' in jobs/common, the cluster's in production.
  (cd "$repo" && ./mvnw -q -B -ntp -pl jobs/common -am compile dependency:build-classpath \
    -DincludeScope=test -Dmdep.outputFile=target/replay.classpath) >&2
fi

exec java -cp "$module/target/classes:$(cat "$classpath_file")" \
  io.servicepulse.common.deadletter.DeadLetterReplay "$@"
