#!/usr/bin/env bash
# Mutation testing of the library's core packages with PIT (the `mutation` profile in lib/pom.xml).
#   scripts/mutation.sh                 wire, crypto, handshake and record (the whole run)
#   scripts/mutation.sh wire record     only these packages
#   scripts/mutation.sh --survivors     also list every surviving / uncovered mutant
# Environment: PIT_THREADS (default 1), MAVEN_ARGS (extra Maven flags, e.g. -o).
# Not part of `mvn verify` or ./tlslab test: a run takes minutes per package.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

survivors=0
packages=()
for arg in "$@"; do
  case "$arg" in
    --survivors) survivors=1 ;;
    wire|crypto|handshake|record) packages+=("$arg") ;;
    *) echo "usage: $0 [--survivors] [wire|crypto|handshake|record ...]" >&2; exit 2 ;;
  esac
done
[ ${#packages[@]} -gt 0 ] || packages=(wire crypto handshake record)

targets=""
for p in "${packages[@]}"; do targets+="${targets:+,}tlslab.$p.*"; done

start=$SECONDS
# shellcheck disable=SC2086
mvn -B -q ${MAVEN_ARGS:-} -P mutation -pl lib test-compile org.pitest:pitest-maven:mutationCoverage \
  -Dpit.targetClasses="$targets" -Dpit.threads="${PIT_THREADS:-1}"
elapsed=$((SECONDS - start))

python3 scripts/mutation_summary.py lib/target/pit-reports/mutations.xml $([ $survivors = 1 ] && echo --survivors)
echo "run time: $((elapsed / 60)) min $((elapsed % 60)) s; report: lib/target/pit-reports/index.html"
