#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Regenerates the civil agent-text samples from git directories of thu-coai/CrossWOZ and
# budzianowski/multiwoz (see eval-data/civil/README.md).
# Usage: jobs/qa/civil-sample.sh CROSSWOZ_GIT_DIR MULTIWOZ_GIT_DIR [--out DIR] [--max N]
#        (default --out: jobs/qa/eval-data/civil)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
QA_HEAP="${QA_HEAP:-1g}" exec "$here/run-main.sh" io.servicepulse.qa.eval.CivilSample \
  --out "$here/eval-data/civil" "$@"
