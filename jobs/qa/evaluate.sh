#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# P, R, F1, accuracy and flag rates of the QA inspector per set: the gold set and the public
# sets in shared/data, plus the civil agent-text samples; or any labelled file with --tsv.
# Usage: jobs/qa/evaluate.sh [path/to/shared/data] [--civil DIR] [--examples N]
#        jobs/qa/evaluate.sh --tsv FILE [--out RESULTS]
# Default data: ../shared/data beside the repo. Civil samples: DATA/civil if it exists, else
# jobs/qa/eval-data/civil (made by civil-sample.sh). --help lists the options.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=data-dirs.sh
source "$here/data-dirs.sh"
exec "$here/run-main.sh" io.servicepulse.qa.eval.Evaluate --data "$data" --civil "$civil" "$@"
