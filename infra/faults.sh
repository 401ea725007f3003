#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The fault suite: the demo's end-to-end run (generator truth vs. every ClickHouse table) with one
# production fault injected half-way and poison records in the stream. Exit code 0 only if every
# table matches the truth exactly after each fault.
# Usage: infra/faults.sh [FAULT ...]   FAULT: crash | broker-restart | clickhouse-restart | none
#        (default: broker-restart clickhouse-restart)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
faults=("$@")
[ ${#faults[@]} -gt 0 ] || faults=(broker-restart clickhouse-restart)
for fault in "${faults[@]}"; do
  echo "=== fault run: $fault ==="
  start=$(date +%s)
  SERVICEPULSE_DEMO_CONSOLE=0 "$repo/infra/demo.sh" --events 20000 --rate 2000 --poison-rate 0.002 --fault "$fault" \
    --outage-seconds 40
  echo "=== fault run $fault passed in $(( $(date +%s) - start )) s ==="
done
