#!/usr/bin/env bash
# Builds autograder.zip for Gradescope ("Configure Autograder" → Zip file upload): setup.sh and
# run_autograder at the root, the grader with the tests (visible and hidden) in grader/, the library
# a student's code may use in lib/. Usage: scripts/grade-gradescope.sh [OUTPUT.zip]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(realpath -m "${1:-$here/grader/target/autograder.zip}")"
echo "building the library, the tests and the grader..." >&2
(cd "$here" && mvn -q -B -pl grader -am package -DskipTests 2>&1 | sed 's/\x1b\[0m//g' >&2)
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/grader" "$stage/lib"
cp "$here/grader/gradescope/setup.sh" "$here/grader/gradescope/run_autograder" "$stage/"
cp "$here/grader/target/tlslab-grader.jar" "$here/grader/target/deps/"*.jar "$stage/grader/"
cp "$here/lib/target/tlslab-lib.jar" "$here/lib/target/deps/"*.jar "$stage/lib/"
python3 - "$stage" "$out" <<'PY'
import os, sys, zipfile
stage, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for dirpath, _, files in os.walk(stage):
        for f in sorted(files):
            path = os.path.join(dirpath, f)
            info = zipfile.ZipInfo(os.path.relpath(path, stage))
            mode = 0o755 if f in ("setup.sh", "run_autograder") else 0o644
            info.external_attr = (0o100000 | mode) << 16   # regular file with its Unix permissions
            info.compress_type = zipfile.ZIP_DEFLATED
            with open(path, "rb") as fh:
                z.writestr(info, fh.read())
PY
echo "wrote $out ($(du -h "$out" | cut -f1)): upload it in Gradescope under Configure Autograder." >&2
