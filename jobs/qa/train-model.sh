#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Trains the abuse classifier (stage 3) from COLD train and Davidson train, picks its thresholds on
# the civil agent samples, prints the dev trade-off table and writes
# src/main/resources/qa/model/abuse-model.bin.gz. Deterministic (fixed seed).
# Usage: jobs/qa/train-model.sh [path/to/shared/data] [--civil DIR] [--no-write] [--help]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=data-dirs.sh
source "$here/data-dirs.sh"
QA_HEAP="${QA_HEAP:-3g}" exec "$here/run-main.sh" io.servicepulse.qa.eval.TrainModel \
  --data "$data" --civil "$civil" --out "$here/src/main/resources/qa/model/abuse-model.bin.gz" "$@"
