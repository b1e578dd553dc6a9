# Shared set-up steps for TLS Lab. Sourced (not run) by scripts/setup.sh and binder/postBuild, so a
# laptop, CI and a Binder/JupyterHub image build the library and configure the Java kernel the same way.
# Expects `set -euo pipefail` in the caller. Everything here prints "tlslab: ..." messages.

TLSLAB_ROOT="${TLSLAB_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
# Version of the course's Maven modules; the notebooks load e.g. `%maven tlslab:tlslab-lib:1.0-SNAPSHOT`.
TLSLAB_LIB_VERSION="1.0-SNAPSHOT"
TLSLAB_MIN_JAVA=17

say()  { echo "tlslab: $*"; }
warn() { echo "tlslab: WARNING: $*" >&2; }
die()  { echo "tlslab: ERROR: $*" >&2; exit 1; }

# Maven 3.8's quiet mode leaves stray colour-reset codes on the terminal; drop them.
mvn_quiet() { mvn -q -B "$@" 2>&1 | sed 's/\x1b\[0m//g'; }

# Sets TLSLAB_JDK to a JDK (javac + jdk.jshell, version >= 17): $JAVA_HOME if it is one, else the
# JDK that owns the `javac` on PATH. Also sets TLSLAB_M2_REPO, the local Maven repository that Maven
# and the kernel use by default (under Java's user.home, which need not be $HOME).
find_jdk() {
  local jdk="" javac_path props ver major
  if [ -n "${JAVA_HOME:-}" ]; then
    if [ -x "$JAVA_HOME/bin/javac" ]; then
      jdk="$JAVA_HOME"
    else
      warn "JAVA_HOME=$JAVA_HOME has no bin/javac (a JRE, not a JDK?); looking for javac on PATH instead."
    fi
  fi
  if [ -z "$jdk" ]; then
    javac_path="$(command -v javac || true)"
    [ -n "$javac_path" ] || die "no Java compiler (javac) found. TLS Lab needs a JDK ${TLSLAB_MIN_JAVA} or newer, not just a JRE.
  Debian/Ubuntu: sudo apt-get install openjdk-17-jdk-headless
  Elsewhere: install a JDK ${TLSLAB_MIN_JAVA}+ (e.g. Temurin) and put its bin/ on PATH or set JAVA_HOME."
    jdk="$(dirname "$(dirname "$(readlink -f "$javac_path")")")"
  fi
  [ -x "$jdk/bin/java" ] || die "$jdk has javac but no bin/java: broken JDK install?"
  props="$("$jdk/bin/java" -XshowSettings:properties -version 2>&1)"
  ver="$(sed -n 's/^ *java\.specification\.version = //p' <<<"$props")"
  major="${ver%%.*}"
  if [ -z "$major" ] || [ "$major" = 1 ] || [ "$major" -lt "$TLSLAB_MIN_JAVA" ]; then
    die "the JDK at $jdk is Java ${ver:-?}; TLS Lab needs Java ${TLSLAB_MIN_JAVA} or newer.
  Debian/Ubuntu: sudo apt-get install openjdk-17-jdk-headless (then point JAVA_HOME at it)"
  fi
  "$jdk/bin/java" --list-modules 2>/dev/null | grep -q '^jdk\.jshell@' \
    || die "the JDK at $jdk has no jdk.jshell module, which the Java notebook kernel needs. Install a full JDK ${TLSLAB_MIN_JAVA}+."
  TLSLAB_JDK="$jdk"
  TLSLAB_JAVA_VERSION="$ver"
  TLSLAB_M2_REPO="${TLSLAB_M2_REPO:-$(sed -n 's/^ *user\.home = //p' <<<"$props")/.m2/repository}"
}

# Points the `java` kernelspec of the given Python environment at TLSLAB_JDK and sets up its Jupyter
# Server (see scripts/configure_jupyter.py).
configure_jupyter() {
  local python="$1"
  "$python" "$TLSLAB_ROOT/scripts/configure_jupyter.py" --jdk "$TLSLAB_JDK"
}

# Modules whose jars the notebooks load with `%maven tlslab:<artifactId>:1.0-SNAPSHOT`, as
# "folder:artifactId" (each module's jar is target/<artifactId>.jar).
TLSLAB_NOTEBOOK_MODULES=(lib:tlslab-lib course:tlslab-course)

# True when every notebook module's jar is built from the current sources and is the one installed in
# the local Maven repository (another clone may have installed its own build of the same version).
notebook_jars_current() {
  local entry dir artifact jar
  for entry in "${TLSLAB_NOTEBOOK_MODULES[@]}"; do
    dir="$TLSLAB_ROOT/${entry%%:*}" artifact="${entry#*:}"
    [ -f "$dir/pom.xml" ] || continue
    jar="$dir/target/$artifact.jar"
    [ -f "$jar" ] && cmp -s "$jar" "$TLSLAB_M2_REPO/tlslab/$artifact/$TLSLAB_LIB_VERSION/$artifact-$TLSLAB_LIB_VERSION.jar" \
      && [ -z "$(find "$dir/src/main" "$dir/pom.xml" "$TLSLAB_ROOT/pom.xml" -newer "$jar" -print -quit 2>/dev/null)" ] \
      || return 1
  done
}

# Builds the library (and the other modules) and installs them into the local Maven repository, where
# the notebooks' `%maven` lines find them, offline. Skipped when the installed jars are current.
build_and_install_lib() {
  if notebook_jars_current; then
    say "library up to date (built from the current sources, installed in $TLSLAB_M2_REPO)."
    return 0
  fi
  say "building the library and installing it into $TLSLAB_M2_REPO (mvn install -DskipTests)..."
  if ! (cd "$TLSLAB_ROOT" && JAVA_HOME="$TLSLAB_JDK" mvn_quiet install -DskipTests); then
    die "the library does not build (mvn -q -B install -DskipTests failed; see the messages above).
  The notebooks load it from the local Maven repository, so fix the build and run this again."
  fi
  say "library built and installed."
}

# Fills the local Maven repository with every plugin and dependency the build declares, so the
# notebooks and later builds work offline. Runs again only when a pom.xml changes.
cache_maven_deps() {
  local hash stamp
  hash="$(find "$TLSLAB_ROOT" -name pom.xml -not -path '*/target/*' -not -path '*/node_modules/*' \
            -not -path '*/.venv/*' -print0 | sort -z | xargs -0 cat | sha256sum | cut -c1-16)"
  stamp="$TLSLAB_M2_REPO/tlslab/.go-offline-$hash"
  if [ -f "$stamp" ]; then
    say "Maven dependencies already cached."
    return 0
  fi
  say "caching Maven plugins and dependencies for offline use (mvn dependency:go-offline)..."
  (cd "$TLSLAB_ROOT" && JAVA_HOME="$TLSLAB_JDK" mvn_quiet dependency:go-offline) \
    || die "mvn dependency:go-offline failed (network to Maven Central needed on first run)."
  mkdir -p "$(dirname "$stamp")" && touch "$stamp"
}
