#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Re-inspection (重新质检) after an inspector, lexicon or model change: runs the current inspector over
# the stored messages of the chosen shops and shop-local days, writes the flags that fire now and a
# tombstone (qa_flags.retracted = 1) for each stored flag that no longer fires. Verdicts stay.
# Usage: jobs/qa/reinspect.sh --shop SHOP [--shop ...] --from YYYY-MM-DD --to YYYY-MM-DD [--dry-run]
#        [--clickhouse.url jdbc:clickhouse://host:9000/servicepulse ...]   (--help: all options)
# Without --clickhouse.url / SERVICEPULSE_CLICKHOUSE_URL: the local stack's servicepulse database.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
if [[ -z "${SERVICEPULSE_CLICKHOUSE_URL:-}" && -f "$repo/.servicepulse/stack/stack.env" ]]; then
  # shellcheck disable=SC1091
  source "$repo/.servicepulse/stack/stack.env"
  export SERVICEPULSE_CLICKHOUSE_URL="jdbc:clickhouse://${CLICKHOUSE_HOST}:${CLICKHOUSE_TCP_PORT}/servicepulse"
fi
exec "$here/run-main.sh" io.servicepulse.qa.job.Reinspect "$@"
