#!/usr/bin/env bash
# Compiles the qa module (with its extracted CoreNLP models) and runs a main class from its
# test sources in a JVM of its own, so the heap it reports is its own (QA_HEAP, default 2g).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
main="$1"
shift
cd "$here"
# -am: the project's own modules (jobs/common…) from this checkout, not a stale ~/.m2 install.
mvn -q -f ../../pom.xml -pl jobs/qa -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/qa-classpath.txt >&2
cp="target/classes:target/test-classes:target/corenlp-models:$(cat target/qa-classpath.txt)"
exec java "-Xmx${QA_HEAP:-2g}" -cp "$cp" "$main" "$@"
