#!/usr/bin/env bash
# Makes the students' copy of the course in DIR: notebooks, exercises, the library, course/, the
# scripts to set up, start and test, binder/ — without instructor material: no solutions/ (reference
# solutions, hidden tests, answer key), no grader/, no grading scripts, no docs/instructor.md, and
# none of the maintainers' tools (bench/, .ci/, mutation testing, this script).
#   scripts/student-copy.sh DIR [--force] [--git]
# --force replaces DIR if it exists; --git makes DIR a fresh git repository with one commit (no
# history of this one: publish that, e.g. as the repository a Binder link points to).
# It checks its own result (scripts/student-copy-check.sh) and fails if anything instructor-only is in it.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/common.sh"
cd "$TLSLAB_ROOT"

dest="" force=0 git=0
for arg in "$@"; do
  case "$arg" in
    --force) force=1 ;;
    --git) git=1 ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) die "unknown option '$arg' (try --help)" ;;
    *) [ -z "$dest" ] || die "one DIR only"; dest="$arg" ;;
  esac
done
[ -n "$dest" ] || die "usage: scripts/student-copy.sh DIR [--force] [--git]"
dest="$(realpath -m "$dest")"
case "$dest/" in "$TLSLAB_ROOT/"*) die "DIR must be outside the course folder ($TLSLAB_ROOT)" ;; esac
if [ -e "$dest" ]; then
  [ "$force" = 1 ] || die "$dest exists (use --force to replace it)"
  rm -rf -- "$dest"
fi

# Instructor-only or maintainers' paths (prefixes of paths relative to the course folder).
excluded=(
  solutions/ grader/ grade-out/ docs/instructor.md
  scripts/grade.sh scripts/grade-gradescope.sh scripts/test-gradescope.sh
  scripts/student-copy.sh scripts/test-student-copy.sh scripts/student/
  bench/ BENCHMARKS.md scripts/mutation.sh scripts/mutation_summary.py .ci/
  README.md
)
is_excluded() {
  local p="$1" e
  for e in "${excluded[@]}"; do
    if [[ "$e" == */ ]]; then [[ "$p" == "$e"* ]] && return 0
    elif [[ "$p" == "$e" ]]; then return 0
    fi
  done
  return 1
}

# The files: what git tracks (as they are in the working tree), else every file but build output.
if git -C "$TLSLAB_ROOT" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mapfile -d '' files < <(git -C "$TLSLAB_ROOT" ls-files -z --cached)
else
  mapfile -d '' files < <(find . -type f -not -path './.git/*' -not -path '*/target/*' -not -path './.venv/*' \
                            -not -path '*/node_modules/*' -not -path './browser-test/out/*' -printf '%P\0')
fi
keep=()
for f in "${files[@]}"; do
  [ -f "$f" ] && [ ! -L "$f" ] || continue   # deleted in the working tree, or a link (e.g. to a shared .venv)
  is_excluded "$f" || keep+=("$f")
done
mkdir -p "$dest"
printf '%s\0' "${keep[@]}" | tar -C "$TLSLAB_ROOT" --null -T - -cf - | tar -C "$dest" -xpf -
copied=${#keep[@]}

# The students' README, and exercises/README.md without its section for instructors.
cp "$here/student/README.md" "$dest/README.md"
awk '/^## For instructors/ { exit } { print }' exercises/README.md > "$dest/exercises/README.md"

# The top-level pom without the modules that are not there.
sed -i -E '/<module>(solutions|grader|bench)<\/module>/d' "$dest/pom.xml"

"$here/student-copy-check.sh" "$dest" "$TLSLAB_ROOT"

if [ "$git" = 1 ]; then
  git -C "$dest" init -q
  git -C "$dest" add -A
  git -C "$dest" -c user.name="TLS Lab" -c user.email="tlslab@localhost" commit -q -m "TLS Lab, students' copy"
fi
say "students' copy in $dest: $copied files and README.md; no solutions/, grader/ or instructor documents."
