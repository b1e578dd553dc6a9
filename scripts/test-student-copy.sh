#!/usr/bin/env bash
# Tests scripts/student-copy.sh: makes a copy in a temporary folder, checks that no instructor
# material is in it (independently of the script's own check), that the check does catch planted
# material, that binder/postBuild refuses the instructors' tree, and that the copy builds offline
# without the solutions module (mvn -o -q -B package -DskipTests).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/common.sh"
find_jdk
export JAVA_HOME="$TLSLAB_JDK"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/tlslab-student-copy-test.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
copy="$tmp/tls-lab"
fails=0
pass() { echo "  ok: $*"; }
fail() { echo "  FAILED: $*"; fails=$((fails + 1)); }

"$here/student-copy.sh" "$copy" --git >/dev/null

# 1. What must not be there, looked for independently of student-copy-check.sh.
for p in solutions grader docs/instructor.md scripts/grade.sh scripts/grade-gradescope.sh bench .ci; do
  if [ -e "$copy/$p" ]; then fail "$p is in the copy"; else pass "no $p"; fi
done
if grep -rqE --exclude-dir=.git -- '// (BEGIN|END) SOLUTION' "$copy"; then
  fail "a reference solution marker is in the copy: $(grep -rlE --exclude-dir=.git -- '// (BEGIN|END) SOLUTION' "$copy" | head -3)"
else pass "no '// BEGIN SOLUTION' or '// END SOLUTION' anywhere"; fi
hidden_src="$(find "$TLSLAB_ROOT/solutions/src/hidden" -name '*.java' | wc -l)"
if [ "$hidden_src" -gt 0 ] && ! find "$copy" -name '*HiddenTest*' | grep -q . \
   && ! grep -rq --exclude-dir=.git 'package tlslab.exercises.hidden' "$copy"; then
  pass "none of the $hidden_src hidden test classes"
else fail "hidden tests in the copy (or none found in solutions/ to compare with)"; fi
answers="$(find "$TLSLAB_ROOT/solutions/answers" -name '*.md' | wc -l)"
leaked=0
while IFS= read -r -d '' a; do
  line="$(sed -n '3p' "$a")"   # a sentence of each answer file
  [ -n "$line" ] && grep -rqF --exclude-dir=.git -- "$line" "$copy" && leaked=$((leaked + 1))
done < <(find "$TLSLAB_ROOT/solutions/answers" -name '*.md' -print0)
if [ "$leaked" = 0 ]; then pass "no text of the $answers answer key files"; else fail "$leaked answer key files' text found in the copy"; fi
if grep -qE '<module>(solutions|grader|bench)</module>' "$copy/pom.xml"; then fail "pom.xml still lists an instructor module"
else pass "pom.xml lists $(grep -c '<module>' "$copy/pom.xml") modules: $(sed -n 's:.*<module>\(.*\)</module>.*:\1:p' "$copy/pom.xml" | tr '\n' ' ')"; fi
for p in notebooks/04a-opening-the-connection.ipynb notebooks/captures/lab-connection.pcap exercises/notebooks/05-prf.ipynb \
         exercises/src/main/java/tlslab/exercises/ex05/Sha256Prf.java lib/pom.xml course/pom.xml binder/postBuild tlslab scripts/setup.sh; do
  if [ -f "$copy/$p" ]; then pass "has $p"; else fail "$p is missing"; fi
done
if [ "$(git -C "$copy" log --oneline | wc -l)" = 1 ]; then pass "--git: a fresh repository with one commit"; else fail "--git history"; fi

# 2. The check catches planted instructor material (so a pass above means something).
plant="$tmp/planted"
cp -r "$copy" "$plant"
mkdir -p "$plant/lib/src/test/java/x" && cp "$TLSLAB_ROOT"/solutions/src/hidden/java/tlslab/exercises/hidden/Ex05PrfHiddenTest.java "$plant/lib/src/test/java/x/Renamed.java"
if "$here/student-copy-check.sh" "$plant" "$TLSLAB_ROOT" >/dev/null 2>&1; then fail "student-copy-check.sh missed a planted hidden test"
else pass "student-copy-check.sh finds a planted hidden test"; fi
rm -rf "$plant"; cp -r "$copy" "$plant"
cp "$TLSLAB_ROOT/solutions/answers/04c-ecdhe.md" "$plant/notebooks/notes.md"
if "$here/student-copy-check.sh" "$plant" >/dev/null 2>&1; then fail "student-copy-check.sh missed a planted answer file"
else pass "student-copy-check.sh finds a planted answer file"; fi

# 3. binder/postBuild refuses to build an image of the instructors' tree (and lets the copy through its check).
if (cd "$TLSLAB_ROOT" && TLSLAB_BINDER_CHECK_ONLY=1 bash binder/postBuild) >/dev/null 2>&1; then
  fail "binder/postBuild accepted the instructors' tree"
else pass "binder/postBuild refuses the instructors' tree"; fi
if (cd "$copy" && TLSLAB_BINDER_CHECK_ONLY=1 bash binder/postBuild) >/dev/null; then pass "binder/postBuild accepts the students' copy"
else fail "binder/postBuild refused the students' copy"; fi

# 4. The copy builds offline without the solutions module.
start=$(date +%s)
if (cd "$copy" && mvn -o -q -B package -DskipTests >"$tmp/build.log" 2>&1); then
  pass "mvn -o -q -B package -DskipTests builds the copy ($(( $(date +%s) - start )) s)"
else fail "the copy does not build offline:"; tail -20 "$tmp/build.log"; fi

echo "student copy: $([ "$fails" = 0 ] && echo "all checks passed" || echo "$fails check(s) failed")"
[ "$fails" = 0 ]
