#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs every test of ServicePulse: unit tests (*Test) and integration tests (*ITCase) that start a
# real Kafka broker and ClickHouse server on free local ports, then the fault suite
# (infra/faults.sh: the end-to-end demo with a broker outage, then a ClickHouse outage, each
# compared with the generator's truth). Installs what is missing first.
# Usage: infra/test.sh [extra Maven arguments]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

infra/setup.sh --quiet
./mvnw -B -ntp verify "$@"
infra/faults.sh broker-restart clickhouse-restart
