# SPDX-License-Identifier: GPL-3.0-or-later
# Sourced by evaluate.sh and train-model.sh: sets $data (first argument unless it is an option,
# else ../shared/data beside the repo; shifted away) and $civil (DATA/civil if it exists, else
# jobs/qa/eval-data/civil). Expects $here, the jobs/qa folder.
data="$here/../../../shared/data"
if [[ $# -gt 0 && $1 != -* ]]; then
  data="$1"
  shift
fi
civil="$data/civil"
[[ -d $civil ]] || civil="$here/eval-data/civil"
