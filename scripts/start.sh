#!/usr/bin/env bash
# Sets up (first time), then opens the course in JupyterLab on notebooks/, on 127.0.0.1 only.
#   scripts/start.sh [--no-browser] [--port N]     (default port 8888; Ctrl+C twice stops JupyterLab)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/common.sh"

port=8888
lab_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --no-browser) lab_args+=(--no-browser) ;;
    --port) [ $# -ge 2 ] || die "--port needs a number"; port="$2"; shift ;;
    --port=*) port="${1#--port=}" ;;
    -h|--help) sed -n '2,3p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option '$1' (try --help)" ;;
  esac
  shift
done
[[ "$port" =~ ^[0-9]+$ ]] && [ "$port" -ge 1 ] && [ "$port" -le 65535 ] || die "--port wants a number from 1 to 65535, not '$port'"

"$here/setup.sh"

venv="$TLSLAB_ROOT/.venv"
if ! "$venv/bin/python" - "$port" <<'PY'
import socket, sys
s = socket.socket()
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(1)
finally:
    s.close()
PY
then
  die "port $port on 127.0.0.1 is already in use. Is JupyterLab already running? Then open its URL
  (\`.venv/bin/jupyter server list\` shows it), or stop it, or pick another port: ./tlslab start --port 8890"
fi

token="$("$venv/bin/python" -c 'import secrets; print(secrets.token_hex(24))')"
url="http://127.0.0.1:$port/lab/tree/00-start-here.ipynb?token=$token"
cat <<EOF

  TLS Lab is starting. Open this address in your browser (it holds your access token):

      $url

  Stop JupyterLab with Ctrl+C twice in this terminal.

EOF
[ "$(id -u)" = 0 ] && lab_args+=(--allow-root)  # containers and CI machines often run as root
cd "$TLSLAB_ROOT/notebooks"
exec "$venv/bin/jupyter" lab --ip=127.0.0.1 --port="$port" --port-retries=0 \
  --ServerApp.root_dir="$TLSLAB_ROOT/notebooks" --ServerApp.default_url=/lab/tree/00-start-here.ipynb \
  --IdentityProvider.token="$token" "${lab_args[@]}"
