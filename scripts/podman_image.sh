#!/usr/bin/env bash
# Builds a local container image for hera's podman tests without a registry:
# Debian's busybox-static (one static binary) and a link for each of its
# applets under /bin, imported with `podman import`. Then checks that
# `podman run` works here and, if it does not with podman's defaults, writes
# a containers.conf that makes it work and says how to use it.
#
#   scripts/podman_image.sh [IMAGE] [CONF_DIR]
#     IMAGE     default localhost/busybox:test
#     CONF_DIR  where containers.conf goes if one is needed
#               (default: target/podman, under the repository)
#
# Then: HERA_PODMAN_IMAGE=IMAGE [CONTAINERS_CONF=...] \
#         cargo test -p hera-rs --test engine podman::
#
# Missing podman, busybox-static or runc are installed with apt-get (as root,
# or with sudo). Nothing is pulled from a registry.
set -euo pipefail
cd "$(dirname "$0")/.."
image="${1:-localhost/busybox:test}"
conf_dir="${2:-$PWD/target/podman}"

sudo=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then sudo="sudo"; fi
need=()
command -v podman >/dev/null 2>&1 || need+=(podman)
[ -x /bin/busybox ] || need+=(busybox-static)
command -v runc >/dev/null 2>&1 || need+=(runc)
if [ "${#need[@]}" -gt 0 ]; then
  echo "podman_image: installing ${need[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi
if ! /bin/busybox --list >/dev/null 2>&1 || ldd /bin/busybox >/dev/null 2>&1; then
  echo "podman_image: /bin/busybox is not a static busybox (install busybox-static)" >&2
  exit 1
fi

root="$(mktemp -d)"
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/bin" "$root/tmp" "$root/etc" "$root/root"
chmod 1777 "$root/tmp"
cp /bin/busybox "$root/bin/busybox"
for applet in $(/bin/busybox --list); do
  [ "$applet" = busybox ] || ln -s busybox "$root/bin/$applet"
done
echo 'root:x:0:0:root:/root:/bin/sh' > "$root/etc/passwd"
echo 'root:x:0:' > "$root/etc/group"
tar -C "$root" -cf "$root.tar" .
podman rmi -f "$image" >/dev/null 2>&1 || true
podman import --quiet --change 'CMD ["/bin/sh"]' "$root.tar" "$image" >/dev/null
rm -f "$root.tar"
echo "podman_image: built $image" >&2

# podman's defaults may not run containers in a sandbox: crun refuses a
# hybrid cgroup hierarchy, and the default ulimits (nofile 1048576) are
# above a hard limit that CAP_SYS_RESOURCE-less root cannot raise. runc,
# cgroupfs and the current hard limits do.
if podman run --rm --network none "$image" true >/dev/null 2>&1; then
  echo "podman_image: podman runs containers with its defaults" >&2
  echo "export HERA_PODMAN_IMAGE=$image"
  exit 0
fi
mkdir -p "$conf_dir"
conf="$conf_dir/containers.conf"
nofile="$(ulimit -Hn)"
nproc="$(ulimit -Hu)"
# podman lowers its own nproc to 32768 before it starts the runtime.
if [ "$nproc" = unlimited ] || [ "$nproc" -gt 32768 ]; then nproc=32768; fi
[ "$nofile" = unlimited ] && nofile=1048576
cat > "$conf" <<EOF
# Written by scripts/podman_image.sh: podman's defaults could not run a
# container on this machine.
[containers]
default_ulimits = ["nofile=$nofile:$nofile", "nproc=$nproc:$nproc"]
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
EOF
if ! CONTAINERS_CONF="$conf" podman run --rm --network none "$image" true; then
  echo "podman_image: podman cannot run a container here, even with $conf" >&2
  exit 1
fi
echo "podman_image: podman runs containers with $conf" >&2
echo "export HERA_PODMAN_IMAGE=$image CONTAINERS_CONF=$conf"
