#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Messages/s per thread on a realistic mix, with CoreNLP on. Not a test: run it on purpose.
# Usage: jobs/qa/benchmark.sh [seconds-per-run] [threads]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
exec "$here/run-main.sh" io.servicepulse.qa.eval.Benchmark "$@"
