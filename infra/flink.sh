#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The local Flink standalone session cluster, and job submission to it or to any Flink cluster.
# Usage: infra/flink.sh start [--taskmanagers N]   (also starts Kafka + ClickHouse if needed)
#        infra/flink.sh stop | status
#        infra/flink.sh submit JOB_JAR [--key value ...]   (job options: see the README's table)
#        infra/flink.sh cancel JOB_ID
# Another cluster: FLINK_REST_URL=http://jobmanager:8081 infra/flink.sh submit|status|cancel ...
set -euo pipefail
exec "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/stack.sh" flink "$@"
