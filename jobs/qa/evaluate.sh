#!/usr/bin/env bash
# Precision/recall of the QA inspector on the gold set and the public sets in shared/data.
# Usage: jobs/qa/evaluate.sh [path/to/shared/data]   (default: ../shared/data beside the repo)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
data="${1:-$here/../../../shared/data}"
exec "$here/run-main.sh" io.servicepulse.qa.eval.Evaluate "$(cd "$data" && pwd)"
