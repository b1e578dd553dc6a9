#!/usr/bin/env bash
# Measures the numbers grader/README.md reports: what the sandbox adds to a runner JVM's start, one
# honest submission's grading time, and a batch's throughput (N copies of the reference solutions).
# Usage: grader/measure.sh [N=20] [JOBS=2]   (after ./tlslab grade has built the grader once)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n="${1:-20}"; jobs="${2:-2}"
cd "$here"
mvn -q -B -pl grader -am test-compile -DskipTests 2>&1 | sed 's/\x1b\[0m//g' >&2
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
echo "== machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== runner JVM start, by isolation level"
java -cp "grader/target/test-classes:grader/target/classes:grader/target/deps/*" tlslab.grader.SandboxStartCost 20
echo "== one honest submission (solutions/), three times"
for i in 1 2 3; do ./tlslab grade solutions --out "$tmp/one" | grep -o 'graded in [0-9.]* s' ; done
echo "== a batch of $n copies of solutions/ with --jobs $jobs"
for i in $(seq -w 1 "$n"); do mkdir -p "$tmp/batch/s$i/src/main" && cp -r solutions/src/main/java "$tmp/batch/s$i/src/main/"; done
./tlslab grade --batch "$tmp/batch" --out "$tmp/out" --jobs "$jobs" | tail -n 1
