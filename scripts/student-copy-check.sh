#!/usr/bin/env bash
# Checks that a students' copy holds nothing instructor-only; exits non-zero and names what it found.
#   scripts/student-copy-check.sh COPY [COURSE_FOLDER]
# Looks for: instructor paths (solutions/, grader/, grading scripts, docs/instructor.md, hidden
# tests), the comment lines that mark reference solutions in solutions/ (BEGIN/END SOLUTION), hidden
# tests' package and class names, the answer key's headings, modules in the top-level pom that are not in the
# copy, and (with COURSE_FOLDER) any file whose bytes equal a file of its solutions/ (but the visible tests) or grader/.
# binder/postBuild runs it before building an image.
set -uo pipefail
copy="${1:?usage: student-copy-check.sh COPY [COURSE_FOLDER]}"
src="${2:-}"
found=()
cd "$copy" || exit 2

for p in solutions grader grade-out docs/instructor.md scripts/grade.sh scripts/grade-gradescope.sh; do
  [ -e "$p" ] && found+=("instructor path: $p")
done
while IFS= read -r -d '' f; do
  found+=("hidden test file: ${f#./}")
done < <(find . -path ./.git -prune -o -type f \( -name '*HiddenTest*' -o -path '*/src/hidden/*' \) -print0)

files_with() {  # files_with ERE: files (not in .git) whose content matches
  grep -rlE --exclude-dir=.git --exclude-dir=target --exclude-dir=node_modules --exclude-dir=.venv -- "$1" . 2>/dev/null
}
while IFS= read -r f; do [ -n "$f" ] && found+=("reference solution marker in ${f#./}"); done \
  < <(files_with '^[[:space:]]*//[[:space:]]*(BEGIN|END) SOLUTION')
while IFS= read -r f; do [ -n "$f" ] && found+=("hidden test package in ${f#./}"); done \
  < <(files_with '^[[:space:]]*package[[:space:]]+tlslab\.exercises\.hidden')
while IFS= read -r f; do [ -n "$f" ] && found+=("answer key heading in ${f#./}"); done \
  < <(files_with '^# .*: answers$')
if [ -f pom.xml ]; then
  for m in $(sed -n 's:.*<module>\(.*\)</module>.*:\1:p' pom.xml); do
    [ -f "$m/pom.xml" ] || found+=("pom.xml lists module '$m', which is not in the copy")
  done
fi

if [ -n "$src" ]; then
  # solutions/src/test holds the visible tests, which exercises/ hands to students on purpose
  declare -A secret=()
  while read -r h f; do
    secret["$h"]="${f#"$src"/}"
  done < <(find "$src/solutions" "$src/grader" -type f -size +0 -not -path '*/target/*' -not -path "$src/solutions/src/test/*" \
             -print0 2>/dev/null | xargs -0 -r sha256sum)
  while read -r h f; do
    [ -n "${secret[$h]:-}" ] && found+=("${f#./} has the same bytes as the instructors' ${secret[$h]}")
  done < <(find . -path ./.git -prune -o -type f -not -path '*/target/*' -print0 | xargs -0 -r sha256sum)
fi

if [ ${#found[@]} -gt 0 ]; then
  echo "student-copy-check: instructor material in $copy:" >&2
  printf '  - %s\n' "${found[@]}" >&2
  exit 1
fi
echo "student-copy-check: $copy holds no instructor material."
