#!/usr/bin/env bash
# Runs every test of the course, then prints a summary with timings; exits non-zero if any step failed.
#   1. scripts/setup.sh --for-tests       (also Chromium and playwright-core)
#   2. mvn -B verify                      (all Java tests: unit, property, interop with OpenSSL/curl/JDK)
#   3. scripts/run_notebooks.py           (every notebook, headless, through the Java kernel)
#   4. scripts/hub_load_test.py           (./tlslab hub with N simulated students, default 10:
#                                          TLSLAB_HUB_STUDENTS=N; each runs notebook 04b through the hub;
#                                          one more signs in with Chromium and runs notebook 00)
#   5. browser-test/check.mjs             (a notebook run in JupyterLab in Chromium; outputs visible)
#   6. scripts/test-student-copy.sh       (the students' copy: no instructor material, builds offline)
#   7. scripts/build_site.py + browser-test/site-check.mjs  (the static site, opened in Chromium offline)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/common.sh"
cd "$TLSLAB_ROOT"

# What the browser test opens and expects to see (arguments of browser-test/check.mjs).
browser_check=(notebooks/04a-opening-the-connection.ipynb --expect-selector img --expect-selector table --expect-text ClientHello --expect-text "SYN, ACK")

names=() results=() times=()
now() { date +%s.%N; }
step() {  # step NAME COMMAND...: runs it, records its result and time, never stops the script
  local name="$1" start rc=0; shift
  echo
  echo "=== $name: $*"
  start="$(now)"
  "$@" || rc=$?
  names+=("$name"); results+=("$rc"); times+=("$(awk -v a="$start" -v b="$(now)" 'BEGIN { print b - a }')")
  [ "$rc" = 0 ] || echo "=== $name FAILED (exit $rc)"
  return 0
}

step setup "$here/setup.sh" --for-tests
if [ "${results[0]}" = 0 ]; then
  find_jdk
  step "maven verify" env JAVA_HOME="$TLSLAB_JDK" mvn -B -ntp verify
  step notebooks "$TLSLAB_ROOT/.venv/bin/python" "$here/run_notebooks.py"
  step "hub load" "$TLSLAB_ROOT/.venv/bin/python" "$here/hub_load_test.py" --students "${TLSLAB_HUB_STUDENTS:-10}" --restart-check --browser
  step browser node "$TLSLAB_ROOT/browser-test/check.mjs" "${browser_check[@]}"
  # the instructors' tree only: a students' copy does not hold the command it would test
  [ ! -f "$here/test-student-copy.sh" ] || step "student copy" "$here/test-student-copy.sh"
  site_dir="$(mktemp -d)"
  step site bash -c '"$1" "$2/scripts/build_site.py" --out "$3" && node "$2/browser-test/site-check.mjs" "$3" --expect-text ClientHello' \
    _ "$TLSLAB_ROOT/.venv/bin/python" "$TLSLAB_ROOT" "$site_dir"
  rm -rf "$site_dir"
fi

echo
echo "=== Summary"
failed=0
for i in "${!names[@]}"; do
  if [ "${results[$i]}" = 0 ]; then status=ok; else status="FAILED (exit ${results[$i]})"; failed=$((failed + 1)); fi
  printf '  %-14s %7.1f s  %s\n' "${names[$i]}" "${times[$i]}" "$status"
done
[ "${results[0]}" = 0 ] || echo "  (set-up failed, so nothing else ran)"
if [ "$failed" = 0 ]; then
  echo "All test steps passed."
else
  echo "$failed test step(s) failed."
  exit 1
fi
