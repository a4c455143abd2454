#!/usr/bin/env bash
# Installs the Debian packages needed to run a private single-node Slurm
# cluster (see README.md). Idempotent: exits 0 without touching apt when
# everything is already installed. Must run as root (or via sudo).
set -euo pipefail

PACKAGES=(slurmctld slurmd slurm-client munge)

log() { echo "slurm/install: $*"; }

missing=()
for p in "${PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  [[ "$status" == installed ]] || missing+=("$p")
done

if ((${#missing[@]} == 0)); then
  log "already installed: ${PACKAGES[*]} ($(dpkg-query -W -f='${Version}' slurmctld))"
  exit 0
fi

SUDO=()
if ((EUID != 0)); then
  command -v sudo >/dev/null || { log "not root and no sudo; cannot install ${missing[*]}" >&2; exit 1; }
  SUDO=(sudo -n)
fi

# Keep the packages' maintainer scripts from starting the *system* munge/slurm
# services: we only ever run private daemons started by start.sh. If the host
# has no policy-rc.d we install a temporary one (exit 101 = "action forbidden")
# and remove it afterwards; an existing one is left alone.
POLICY=/usr/sbin/policy-rc.d
made_policy=0
cleanup() {
  if ((made_policy)); then "${SUDO[@]}" rm -f "$POLICY"; fi
}
trap cleanup EXIT
if [[ ! -e "$POLICY" ]]; then
  printf '#!/bin/sh\nexit 101\n' | "${SUDO[@]}" tee "$POLICY" >/dev/null
  "${SUDO[@]}" chmod 0755 "$POLICY"
  made_policy=1
fi

export DEBIAN_FRONTEND=noninteractive
start=$SECONDS
log "missing: ${missing[*]}; running apt-get update"
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
log "installing: ${PACKAGES[*]} (--no-install-recommends)"
if ! out=$("${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
      --no-install-recommends "${PACKAGES[@]}" 2>&1); then
  echo "$out" >&2
  log "apt-get install failed" >&2
  exit 1
fi
log "installed slurm $(dpkg-query -W -f='${Version}' slurmctld), munge $(dpkg-query -W -f='${Version}' munge) in $((SECONDS - start)) s"
