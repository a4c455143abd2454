#!/usr/bin/env bash
# Installs DuckDB for Node (tools/duckdb, from the npm registry, versions pinned by its package-lock.json): the
# end-to-end test reads every Parquet output of the smoke pipeline with it, a reader that shares no code with
# ours. Installs nodejs and npm from Debian first when they are missing. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { echo "install-duckdb: $*"; }

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  SUDO=()
  if ((EUID != 0)); then
    command -v sudo >/dev/null || { log "not root and no sudo; cannot install nodejs and npm" >&2; exit 1; }
    SUDO=(sudo -n)
  fi
  log "installing nodejs and npm"
  "${SUDO[@]}" apt-get -o DPkg::Lock::Timeout=900 update
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 install -y --no-install-recommends nodejs npm
fi

if [[ -d tools/duckdb/node_modules/@duckdb/node-api ]] && node tools/duckdb/query.mjs "select 1 as ok" >/dev/null 2>&1; then
  log "already installed: $(node tools/duckdb/query.mjs 'select version() as v')"
  exit 0
fi
log "npm ci in tools/duckdb"
npm ci --prefix tools/duckdb --no-audit --no-fund
log "installed: $(node tools/duckdb/query.mjs 'select version() as v')"
