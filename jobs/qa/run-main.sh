#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Compiles the qa module (with its extracted CoreNLP models) and runs a main class from its
# test sources in a JVM of its own, so the heap it reports is its own (QA_HEAP, default 2g).
# The JVM runs in the caller's directory: relative paths in the arguments are the caller's.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
main="$1"
shift
# -am: the project's own modules (jobs/common…) from this checkout, not a stale ~/.m2 install.
(cd "$here/../.." && ./mvnw -q -pl jobs/qa -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$here/target/qa-classpath.txt" >&2)
t="$here/target"
cp="$t/classes:$t/test-classes:$t/corenlp-models:$(cat "$t/qa-classpath.txt")"
exec java "-Xmx${QA_HEAP:-2g}" -cp "$cp" "$main" "$@"
