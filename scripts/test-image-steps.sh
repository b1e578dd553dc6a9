#!/usr/bin/env bash
# Runs the steps of hub/k8s/Dockerfile in a clean Debian 12 root (debootstrap + chroot), since these
# machines cannot pull a base image: the same apt packages, user jovyan, the repository (as committed) in
# /srv/tlslab, scripts/setup.sh and hub/requirements.txt as jovyan with the image's environment. Then, as
# a student would start: an empty home, the entry point (copy-course.sh) copies the course, and
# notebooks/00-start-here.ipynb runs headless through the Java kernel from that home.
#   sudo scripts/test-image-steps.sh [--root DIR] [--host-cas]   (default: a fresh root in a temporary directory)
# --host-cas: behind a TLS-intercepting proxy, trust this machine's extra CAs
# (/usr/local/share/ca-certificates) inside the root too, for pip and Maven.
# Keep the package list and environment below in step with the Dockerfile. Not part of ./tlslab test.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/common.sh"
root="" host_cas=0
while [ $# -gt 0 ]; do
  case "$1" in
    --root) root="$2"; shift ;;
    --host-cas) host_cas=1 ;;
    *) die "unknown option '$1'" ;;
  esac
  shift
done
[ "$(id -u)" = 0 ] || die "run as root (chroot and mounts)"
work="$(mktemp -d /tmp/tlslab-image-XXXXXX)"
mounted=()
cleanup() {
  for ((i=${#mounted[@]}-1; i>=0; i--)); do umount -l "${mounted[$i]}" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
image_extra_env=()
if [ -z "$root" ]; then
  root="$work/root"
  say "making a clean Debian 12 root (debootstrap minbase) ..."
  debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian >"$work/debootstrap.log" 2>&1 || die "debootstrap failed"
fi
cp /etc/resolv.conf "$root/etc/resolv.conf"
for m in proc sys dev; do mount --bind "/$m" "$root/$m" && mounted+=("$root/$m"); done
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin "$@"; }

say "apt-get install (the Dockerfile's list) ..."
in_root bash -c 'apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
  openjdk-17-jdk-headless maven openssl curl python3 python3-venv ca-certificates git tini' >"$work/apt.log" 2>&1 \
  || { tail -20 "$work/apt.log"; die "apt-get failed"; }
if [ "$host_cas" = 1 ]; then
  cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
  in_root update-ca-certificates >/dev/null
  image_extra_env=(PIP_CERT=/etc/ssl/certs/ca-certificates.crt)
fi
in_root bash -c 'id jovyan >/dev/null 2>&1 || useradd -m -u 1000 -s /bin/bash jovyan; mkdir -p /srv/tlslab; chown jovyan /srv/tlslab'
say "copying the committed repository into /srv/tlslab ..."
rm -rf "$root/srv/tlslab" && mkdir -p "$root/srv/tlslab"
git -C "$TLSLAB_ROOT" archive HEAD | tar -x -C "$root/srv/tlslab"
in_root chown -R jovyan /srv/tlslab
install -m 755 "$TLSLAB_ROOT/hub/k8s/copy-course.sh" "$root/usr/local/bin/copy-course.sh"

image_env=(HOME=/home/jovyan USER=jovyan JAVA_TOOL_OPTIONS=-Duser.home=/srv/tlslab/home
           PATH=/srv/tlslab/.venv/bin:/usr/lib/jvm/java-17-openjdk-amd64/bin:/usr/local/bin:/usr/bin:/bin
           JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64)
as_jovyan() { chroot --userspec=1000:1000 "$root" /usr/bin/env -i "${image_env[@]}" "${image_extra_env[@]}" "$@"; }
say "RUN scripts/setup.sh && pip install -r hub/requirements.txt (as jovyan) ..."
as_jovyan bash -c 'cd /srv/tlslab && scripts/setup.sh && .venv/bin/pip install -q --no-cache-dir -r hub/requirements.txt' \
  >"$work/setup.log" 2>&1 || { tail -30 "$work/setup.log"; die "the image's set-up failed in the clean root"; }
grep '^tlslab:' "$work/setup.log" | sed 's/^/    /'

say "a student's first start: empty home, copy-course.sh, then notebook 00 headless from the home ..."
rm -rf "$root/home/jovyan" && mkdir -p "$root/home/jovyan" && in_root chown jovyan /home/jovyan
as_jovyan bash -c 'cd /home/jovyan && /usr/local/bin/copy-course.sh true && ls /home/jovyan/notebooks/00-start-here.ipynb /home/jovyan/exercises >/dev/null \
  && jupyterhub-singleuser --version && python /srv/tlslab/scripts/run_notebooks.py /home/jovyan/notebooks/00-start-here.ipynb' \
  >"$work/student.log" 2>&1 || { tail -30 "$work/student.log"; die "the student's start failed"; }
sed 's/^/    /' "$work/student.log" | grep -v "^    Picked up" | tail -6
say "image steps: 1 passed, 0 failed"
