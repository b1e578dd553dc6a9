#!/usr/bin/env bash
# ./tlslab grade …: the auto-grader (instructors). Builds the library, the tests (solutions/) and the
# grader on first use or when their sources changed, then runs tlslab.grader.Main. See grader/README.md.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$here/scripts/common.sh"
find_jdk                      # the grader, javac and the students' JVMs all run on the JDK set-up found
export JAVA_HOME="$TLSLAB_JDK"
jar="$here/grader/target/tlslab-grader.jar"

stale() {
  [ ! -f "$jar" ] || [ ! -d "$here/grader/target/deps" ] || [ ! -d "$here/lib/target/deps" ] || \
    [ -n "$(find "$here/lib/src/main" "$here/lib/pom.xml" "$here/solutions/src" "$here/solutions/pom.xml" \
              "$here/grader/src/main" "$here/grader/pom.xml" -newer "$jar" -print -quit 2>/dev/null)" ]
}

if stale; then
  echo "tlslab grade: building the library, the tests and the grader (first use or sources changed)..." >&2
  # (Maven's quiet mode leaves colour-reset codes behind: drop them)
  (cd "$here" && mvn -q -B -pl grader -am package -DskipTests 2>&1 | sed 's/\x1b\[0m//g' >&2) \
    || { echo "tlslab grade: the build failed (see above)" >&2; exit 1; }
fi

exec "$TLSLAB_JDK/bin/java" -Xss4m -XX:+UseSerialGC \
  -Dtlslab.root="$here" \
  -Dtlslab.child.classpath="$here/lib/target/tlslab-lib.jar:$here/lib/target/deps/*" \
  -cp "$jar:$here/grader/target/deps/*" tlslab.grader.Main "$@"
