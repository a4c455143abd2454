#!/usr/bin/env bash
# Installs Debian's dataset-fashion-mnist package (70,000 28x28 grayscale images as IDX .gz files under
# /usr/share/datasets/fashion-mnist), which the fashion-mnist stage reads. Idempotent: exits 0 without touching
# apt when that directory already exists. Must run as root (or via sudo).
set -euo pipefail

DIRECTORY=/usr/share/datasets/fashion-mnist
PACKAGE=dataset-fashion-mnist

log() { echo "install-fashion-mnist: $*"; }

if [[ -d "$DIRECTORY" ]]; then
  log "already present: $DIRECTORY"
  exit 0
fi

SUDO=()
if ((EUID != 0)); then
  command -v sudo >/dev/null || { log "not root and no sudo; cannot install $PACKAGE" >&2; exit 1; }
  SUDO=(sudo -n)
fi

# A fresh container has no package lists; refresh them only when apt cannot see the package yet.
if ! apt-cache show "$PACKAGE" >/dev/null 2>&1; then
  log "refreshing the package lists"
  "${SUDO[@]}" apt-get update
fi

log "installing $PACKAGE"
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$PACKAGE"

if [[ ! -d "$DIRECTORY" ]]; then
  log "$PACKAGE is installed but $DIRECTORY does not exist; the package layout may have changed" >&2
  exit 1
fi

log "installed: $DIRECTORY"
ls -l "$DIRECTORY"
