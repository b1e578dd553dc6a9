#!/usr/bin/env bash
# Starts JupyterHub on the course for a workshop: students sign in with a name and the workshop code,
# each gets their own copy of the notebooks and a Java kernel. Ctrl+C stops the hub (students' files stay).
#   scripts/hub.sh [--port N] [--ip ADDR] [--cert PEM --key PEM | --no-tls] [--host NAME]...
#                  [--code CODE] [--mem SIZE] [--cpu N] [--idle SECONDS] [--dir DIR]
#   defaults: port 9443 on all addresses (0.0.0.0), HTTPS with a certificate from the lab CA,
#             --mem 2G and --cpu 1 per student, idle servers stopped after 3600 s, state in .hub/
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/common.sh"

port=9443 ip=0.0.0.0 cert="" key="" tls=1 code="" mem=2G cpu=1 idle=3600 kernel_idle=1200
hub_dir="$TLSLAB_ROOT/.hub" extra_hosts=()
need() { [ $# -ge 2 ] || die "$1 needs a value (try --help)"; }
while [ $# -gt 0 ]; do
  case "$1" in
    --port) need "$@"; port="$2"; shift ;;
    --ip) need "$@"; ip="$2"; shift ;;
    --cert) need "$@"; cert="$2"; shift ;;
    --key) need "$@"; key="$2"; shift ;;
    --no-tls) tls=0 ;;
    --host) need "$@"; extra_hosts+=("$2"); shift ;;
    --code) need "$@"; code="$2"; shift ;;
    --mem) need "$@"; mem="$2"; shift ;;
    --cpu) need "$@"; cpu="$2"; shift ;;
    --idle) need "$@"; idle="$2"; shift ;;
    --kernel-idle) need "$@"; kernel_idle="$2"; shift ;;
    --dir) need "$@"; hub_dir="$2"; shift ;;
    -h|--help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option '$1' (try --help)" ;;
  esac
  shift
done
[[ "$port" =~ ^[0-9]+$ ]] && [ "$port" -ge 1 ] && [ "$port" -le 65535 ] || die "--port wants a number from 1 to 65535, not '$port'"
[[ "$mem" =~ ^[0-9]+[MG]$ ]] || die "--mem wants a size like 1536M or 2G, not '$mem'"
[[ "$cpu" =~ ^[0-9]+$ ]] && [ "$cpu" -ge 1 ] || die "--cpu wants a whole number of cores (1, 2, ...), not '$cpu'"
[[ "$idle" =~ ^[0-9]+$ ]] && [[ "$kernel_idle" =~ ^[0-9]+$ ]] || die "--idle and --kernel-idle want seconds"
if [ -n "$cert" ] || [ -n "$key" ]; then
  [ -n "$cert" ] && [ -n "$key" ] || die "--cert and --key go together"
  [ -r "$cert" ] && [ -r "$key" ] || die "cannot read --cert $cert or --key $key"
  [ "$tls" = 1 ] || die "--no-tls and --cert contradict each other"
fi
loopback=0
case "$ip" in 127.*|localhost|::1) loopback=1 ;; esac
if [ "$tls" = 0 ] && [ "$loopback" = 0 ]; then
  die "--no-tls is only allowed with --ip 127.0.0.1: beyond this machine the hub speaks HTTPS (sign-ins carry the workshop code)."
fi

# --- set-up: the course's .venv plus JupyterHub, the idle culler and configurable-http-proxy -------------
"$here/setup.sh" --for-hub
find_jdk
venv="$TLSLAB_ROOT/.venv"
chp="$TLSLAB_ROOT/hub/node_modules/.bin/configurable-http-proxy"
[ -x "$venv/bin/jupyterhub" ] && [ -x "$chp" ] || die "JupyterHub or configurable-http-proxy is missing after set-up; run: ./tlslab setup --for-hub"

# --- ports: the public one must be free; the hub's and the proxy's API ports are any free ones ------------
free_ports="$("$venv/bin/python" - "$ip" "$port" <<'PY'
import socket, sys
ip, port = sys.argv[1], int(sys.argv[2])
s = socket.socket(socket.AF_INET6 if ":" in ip else socket.AF_INET)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
try:
    s.bind((ip, port))
except OSError as e:
    print(f"busy {e.strerror}")
    sys.exit(0)
finally:
    s.close()
socks = [socket.socket() for _ in range(2)]
for t in socks:
    t.bind(("127.0.0.1", 0))
print(" ".join(str(t.getsockname()[1]) for t in socks))
PY
)"
case "$free_ports" in
  busy*) die "cannot listen on $ip:$port (${free_ports#busy }). Is a hub already running there? Stop it, or pick another port: ./tlslab hub --port $((port + 1))" ;;
esac
read -r api_port proxy_api_port <<<"$free_ports"

mkdir -p "$hub_dir/users"
chmod 700 "$hub_dir"
hub_dir="$(cd "$hub_dir" && pwd)"

# --- addresses students use, and the certificate for them ----------------------------------------------------
hosts=()
if [ "$loopback" = 1 ]; then
  hosts=(localhost 127.0.0.1)
else
  hosts=("$(hostname)" localhost 127.0.0.1)
  if [ "$ip" = 0.0.0.0 ] || [ "$ip" = "::" ]; then
    for a in $(hostname -I 2>/dev/null || true); do [[ "$a" == *:* ]] || hosts+=("$a"); done
  else
    hosts+=("$ip")
  fi
fi
hosts+=("${extra_hosts[@]}")
scheme=https
if [ "$tls" = 0 ]; then
  scheme=http cert="" key=""
elif [ -z "$cert" ]; then
  tls_dir="$hub_dir/tls"
  if [ ! -s "$tls_dir/server.pem" ] || [ "$(cat "$tls_dir/hosts" 2>/dev/null)" != "${hosts[*]}" ] \
     || ! openssl x509 -checkend 86400 -noout -in "$tls_dir/server.pem" >/dev/null 2>&1; then
    host_args=(); for h in "${hosts[@]}"; do host_args+=(--host "$h"); done
    mkdir -p "$tls_dir"
    "$TLSLAB_ROOT/tlslab" cert --out "$tls_dir" "${host_args[@]}" > "$tls_dir/made-by.txt" \
      || die "could not make the hub's certificate with ./tlslab cert"
    echo "${hosts[*]}" > "$tls_dir/hosts"
  fi
  cert="$tls_dir/server.pem" key="$tls_dir/server.key.pem"
fi

# --- the workshop code and the instructor's password (kept in the hub's directory between runs) -------------
secret() { "$venv/bin/python" -c "import secrets,sys; a='abcdefghjkmnpqrstuvwxyz23456789'; print(''.join(secrets.choice(a) for _ in range(int(sys.argv[1]))))" "$1"; }
umask 077
if [ -n "$code" ]; then
  [ "${#code}" -ge 4 ] || die "--code should be at least 4 characters"
  printf '%s\n' "$code" > "$hub_dir/workshop-code"
elif [ ! -s "$hub_dir/workshop-code" ]; then
  secret 6 > "$hub_dir/workshop-code"
fi
[ -s "$hub_dir/instructor-password" ] || secret 16 > "$hub_dir/instructor-password"
umask 022
code="$(cat "$hub_dir/workshop-code")"

# --- limits per student ---------------------------------------------------------------------------------------
to_mib() { case "$1" in *G) echo $(( ${1%G} * 1024 )) ;; *M) echo "${1%M}" ;; esac; }
mem_mib="$(to_mib "$mem")"
heap_mib=$(( mem_mib / 2 ))
[ "$heap_mib" -ge 256 ] || die "--mem $mem is too small: a Java kernel needs a heap of 256M at least (--mem 512M or more)"
as_mib=$(( heap_mib + 1536 > mem_mib ? heap_mib + 1536 : mem_mib ))
jvm_opts="-Xmx${heap_mib}m -XX:+UseSerialGC -XX:ActiveProcessorCount=$cpu -XX:CompressedClassSpaceSize=128m -XX:ReservedCodeCacheSize=64m"
if [ "${TLSLAB_HUB_NO_SYSTEMD:-0}" != 1 ] && command -v systemd-run >/dev/null \
   && systemd-run --user --scope --quiet -p MemoryMax=64M true >/dev/null 2>&1; then
  limit_command="systemd-run --user --scope --quiet -p MemoryMax=${mem_mib}M -p MemorySwapMax=0 -p CPUQuota=$(( cpu * 100 ))% --"
  limits="each student's server and kernels in their own systemd scope: memory ${mem} (MemoryMax), CPU ${cpu} core(s) (CPUQuota); Java heap ${heap_mib} MiB per kernel"
else
  limit_command="nice -n 5 prlimit --as=$(( as_mib * 1024 * 1024 )) --core=0 --"
  limits="no systemd user session here, so no cgroup: Java heap ${heap_mib} MiB per kernel (-Xmx), address space ${as_mib} MiB per process (prlimit --as), niced below the hub; CPU not capped per student"
fi

export TLSLAB_ROOT TLSLAB_HUB_DIR="$hub_dir" TLSLAB_HUB_IP="$ip" TLSLAB_HUB_PORT="$port" \
  TLSLAB_HUB_API_PORT="$api_port" TLSLAB_PROXY_API_PORT="$proxy_api_port" \
  TLSLAB_HUB_CERT="$cert" TLSLAB_HUB_KEY="$key" TLSLAB_HUB_CODE="$code" \
  TLSLAB_HUB_ADMIN=instructor TLSLAB_HUB_ADMIN_PASSWORD="$(cat "$hub_dir/instructor-password")" \
  TLSLAB_HUB_MEM="${mem_mib}M" TLSLAB_HUB_CPU="$cpu" TLSLAB_HUB_IDLE="$idle" TLSLAB_HUB_KERNEL_IDLE="$kernel_idle" \
  TLSLAB_HUB_JVM_OPTIONS="$jvm_opts" TLSLAB_HUB_LIMIT_COMMAND="$limit_command"
# the kernels run Java from the JDK the set-up found; the proxy runs on the node that installed it
export PATH="$TLSLAB_JDK/bin:$venv/bin:$PATH" JAVA_HOME="$TLSLAB_JDK"

share_hosts=("${hosts[@]}")
[ "$loopback" = 1 ] || share_hosts=("${hosts[@]:0:1}" "${hosts[@]:3}")
echo
echo "  TLS Lab hub. Students open one of these addresses and sign in with a name of their choice"
echo "  and the workshop code:"
echo
for h in "${share_hosts[@]}"; do
  [[ "$h" == *:* ]] && h="[$h]"
  echo "      $scheme://$h:$port/"
done
echo
echo "  Workshop code:        $code"
echo "  Instructor (admin):   name 'instructor', password $(cat "$hub_dir/instructor-password")  (Admin page: /hub/admin)"
if [ "$scheme" = https ]; then
  fp="$(openssl x509 -noout -fingerprint -sha256 -in "$cert" | sed 's/.*=//')"
  if [ -n "${tls_dir:-}" ]; then
    echo "  Certificate:          $cert, for ${hosts[*]}"
    echo "                        from the lab CA $(sed -n 's/^ *lab CA: *//p' "$tls_dir/made-by.txt"). Browsers warn until"
    echo "                        students import that CA; or they check that the fingerprint matches:"
  else
    echo "  Certificate:          $cert"
  fi
  echo "  SHA-256 fingerprint:  $fp"
fi
echo "  Limits per student:   $limits; idle servers stop after ${idle} s, idle kernels after ${kernel_idle} s"
echo "  Students' files:      $hub_dir/users/NAME (kept when the hub stops)"
echo
echo "  Ctrl+C stops the hub and the students' servers."
echo
cd "$hub_dir"
exec "$venv/bin/jupyterhub" -f "$TLSLAB_ROOT/hub/jupyterhub_config.py"
