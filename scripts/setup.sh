#!/usr/bin/env bash
# Installs what the course needs; safe to run again (fast when everything is in place).
#   scripts/setup.sh              JDK/Python/Maven checks, Debian tools, .venv with JupyterLab + Java
#                                 kernel, library built and installed into ~/.m2
#   scripts/setup.sh --for-hub    also JupyterHub + idle culler (.venv) and configurable-http-proxy
#                                 (hub/node_modules), for ./tlslab hub
#   scripts/setup.sh --for-tests  also Chromium, tcpdump and browser-test/node_modules, and --for-hub
#                                 (for ./tlslab test)
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/common.sh"

for_tests=0 for_hub=0
for arg in "$@"; do
  case "$arg" in
    --for-tests) for_tests=1 for_hub=1 ;;
    --for-hub) for_hub=1 ;;
    -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option '$arg' (try --help)" ;;
  esac
done

cd "$TLSLAB_ROOT"
venv="$TLSLAB_ROOT/.venv"

# --- 1. Tools that cannot be installed for you ------------------------------------------------
find_jdk
say "JDK: $TLSLAB_JDK (Java $TLSLAB_JAVA_VERSION)"

command -v python3 >/dev/null || die "python3 not found. Install Python 3.9 or newer (Debian/Ubuntu: sudo apt-get install python3 python3-venv)."
python3 -c 'import sys; sys.exit(sys.version_info < (3, 9))' \
  || die "$(python3 --version 2>&1) is too old; TLS Lab needs Python 3.9 or newer."

command -v mvn >/dev/null || die "mvn (Apache Maven) not found. Debian/Ubuntu: sudo apt-get install maven; elsewhere see https://maven.apache.org/install.html"

# --- 2. Debian packages ---------------------------------------------------------------------------
missing=()
command -v openssl >/dev/null || missing+=(openssl)
command -v curl >/dev/null || missing+=(curl)
python3 -c 'import venv, ensurepip' 2>/dev/null || missing+=(python3-venv)
if [ "$for_tests" = 1 ]; then
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  # the grader's sandbox (its tests attack it); a students' copy has no grader
  [ ! -d "$TLSLAB_ROOT/grader" ] || [ -x /usr/bin/bwrap ] || missing+=(bubblewrap)
  command -v tcpdump >/dev/null || missing+=(tcpdump)   # notebook 04a captures its own connection (else a shipped capture)
fi
if [ "$for_tests" = 1 ] || [ "$for_hub" = 1 ]; then
  # playwright-core (browser-test/) and configurable-http-proxy (hub/) need Node.js 20+; Debian 12's own
  # nodejs is 18, so don't apt it.
  node_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
  if [ "$node_major" -lt 20 ] || ! command -v npm >/dev/null; then
    die "the browser test and the hub's proxy need Node.js 20 or newer with npm (found: $(node --version 2>/dev/null || echo none)).
  Install it from https://nodejs.org or your distribution's Node.js 20+ packages."
  fi
fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then sudo=()
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo=(sudo)
  else die "please install these Debian packages, then run this again: sudo apt-get install ${missing[*]}"
  fi
  command -v apt-get >/dev/null || die "please install: ${missing[*]} (no apt-get on this machine)"
  say "installing Debian packages: ${missing[*]} ..."
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -q >/dev/null || die "apt-get update failed (no network to the Debian mirrors?)"
  "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null \
    || die "apt-get install ${missing[*]} failed"
fi

# --- 3. Python virtual environment with JupyterLab and the Java kernel -----------------------------
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import sys' 2>/dev/null; then
  say "creating Python environment .venv/ ..."
  python3 -m venv --clear "$venv"
fi
req_hash="$(sha256sum requirements.txt | cut -d' ' -f1)"
stamp="$venv/.requirements.sha256"
if [ "$(cat "$stamp" 2>/dev/null || true)" != "$req_hash" ]; then
  say "installing JupyterLab, the JJava kernel and nbclient into .venv/ (pip install -r requirements.txt)..."
  "$venv/bin/python" -m pip install -q --disable-pip-version-check -r requirements.txt \
    || die "pip install -r requirements.txt failed"
  echo "$req_hash" > "$stamp"
else
  say "Python packages up to date (.venv/)."
fi

if [ "$for_hub" = 1 ]; then
  hub_hash="$(cat requirements.txt hub/requirements.txt | sha256sum | cut -d' ' -f1)"
  hub_stamp="$venv/.hub-requirements.sha256"
  if [ "$(cat "$hub_stamp" 2>/dev/null || true)" != "$hub_hash" ]; then
    say "installing JupyterHub and jupyterhub-idle-culler into .venv/ (pip install -r hub/requirements.txt)..."
    "$venv/bin/python" -m pip install -q --disable-pip-version-check -r hub/requirements.txt \
      || die "pip install -r hub/requirements.txt failed"
    echo "$hub_hash" > "$hub_stamp"
  else
    say "JupyterHub up to date (.venv/)."
  fi
fi

configure_jupyter "$venv/bin/python"
spec_dir="$("$venv/bin/jupyter" kernelspec list | awk '$1 == "java" {print $2}')"
[ -n "$spec_dir" ] && [ "$spec_dir" -ef "$venv/share/jupyter/kernels/java" ] \
  || die "'jupyter kernelspec list' in .venv does not show the java kernel from .venv/share/jupyter/kernels/java"

# --- 4. The library, installed into ~/.m2 for the notebooks' %maven line ----------------------------
build_and_install_lib
cache_maven_deps

# --- 5. The hub's proxy and the browser test's Playwright (npm, inside the project) -------------------
npm_ci() {  # npm_ci DIR WHAT: installs DIR/package-lock.json into DIR/node_modules unless already there
  local dir="$1" what="$2"
  if [ ! -f "$dir/node_modules/.package-lock.json" ] \
     || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    say "installing $what into ${dir#$TLSLAB_ROOT/}/node_modules (npm ci)..."
    (cd "$dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error >/dev/null) \
      || die "npm ci in ${dir#$TLSLAB_ROOT/}/ failed"
  else
    say "${dir#$TLSLAB_ROOT/}/node_modules up to date."
  fi
}
[ "$for_hub" = 1 ] && npm_ci "$TLSLAB_ROOT/hub" "configurable-http-proxy (JupyterHub's proxy)"

# --- 6. Browser test dependencies ----------------------------------------------------------------------
if [ "$for_tests" = 1 ]; then
  npm_ci "$TLSLAB_ROOT/browser-test" "playwright-core (it uses /usr/bin/chromium: no browser download)"
fi

say "setup complete."
