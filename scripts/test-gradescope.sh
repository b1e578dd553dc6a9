#!/usr/bin/env bash
# Tries the Gradescope autograder zip the way Gradescope runs it, in a clean Debian root (debootstrap):
# the zip unpacked into /autograder/source, its setup.sh run there as root (apt-get installs the JDK),
# run_autograder copied to /autograder/run_autograder and run on two submissions in
# /autograder/submission: the reference solutions (expects full marks) and the untouched exercises
# (expects a low score); /autograder/results/results.json is checked after each.
#   sudo scripts/test-gradescope.sh [--root DIR]      (default root: a fresh one in a temporary directory)
# Needs root (chroot, mounts), debootstrap, and network to the Debian mirror. Not part of ./tlslab test
# (it downloads a Debian base system and a JDK: a few minutes).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/common.sh"
root=""
while [ $# -gt 0 ]; do
  case "$1" in
    --root) root="$2"; shift ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option '$1'" ;;
  esac
  shift
done
[ "$(id -u)" = 0 ] || die "run as root (chroot and mounts)"
work="$(mktemp -d /tmp/tlslab-gradescope-XXXXXX)"
mounted=()
cleanup() {
  for ((i=${#mounted[@]}-1; i>=0; i--)); do umount -l "${mounted[$i]}" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

if [ -z "$root" ]; then
  command -v debootstrap >/dev/null || die "debootstrap not found (apt-get install debootstrap)"
  root="$work/root"
  say "making a clean Debian 12 root with debootstrap (minbase) in $root ..."
  debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian >"$work/debootstrap.log" 2>&1 \
    || { tail -20 "$work/debootstrap.log"; die "debootstrap failed"; }
fi
[ -x "$root/bin/bash" ] || die "$root is not a Linux root file system"

say "building the autograder zip ..."
"$here/grade-gradescope.sh" "$work/autograder.zip"

ag="$root/autograder"
rm -rf "$ag" && mkdir -p "$ag/source" "$ag/submission" "$ag/results"
python3 - "$work/autograder.zip" "$ag/source" <<'PY'
import os, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    for info in z.infolist():
        path = z.extract(info, sys.argv[2])
        mode = (info.external_attr >> 16) & 0o777
        if mode:
            os.chmod(path, mode)
PY
cp "$ag/source/run_autograder" "$ag/run_autograder"
cp /etc/resolv.conf "$root/etc/resolv.conf"
for m in proc sys dev; do mount --bind "/$m" "$root/$m" && mounted+=("$root/$m"); done

say "Gradescope's image build: setup.sh in /autograder/source, as root ..."
chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root bash -c 'cd /autograder/source && bash ./setup.sh' \
  >"$work/setup.log" 2>&1 || { tail -30 "$work/setup.log"; die "setup.sh failed in the clean root"; }
say "setup.sh ok ($(chroot "$root" /usr/bin/env -i PATH=/usr/bin:/bin java -version 2>&1 | head -1))"

failed=0
grade() {  # grade NAME SRC_DIR MIN MAX
  local name="$1" src="$2" min="$3" max="$4" score
  rm -rf "$ag/submission" "$ag/results" && mkdir -p "$ag/submission" "$ag/results"
  cp -r "$src" "$ag/submission/"
  chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root bash /autograder/run_autograder \
    >"$work/run-$name.log" 2>&1 || true
  score="$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(r["score"])' "$ag/results/results.json" 2>/dev/null || echo none)"
  if python3 -c "import sys; s=float(sys.argv[1]); sys.exit(not ($3 <= s <= $4))" "$score" 2>/dev/null; then
    say "submission '$name': results.json score $score (expected $min..$max): ok"
  else
    say "submission '$name': results.json score $score, expected $min..$max: FAILED"
    tail -20 "$work/run-$name.log"
    failed=$((failed + 1))
  fi
}
grade solutions "$TLSLAB_ROOT/solutions/src" 99.9 100
grade exercises "$TLSLAB_ROOT/exercises/src" 0 40
echo "gradescope-layout: $((2 - failed)) passed, $failed failed"
[ "$failed" = 0 ]
