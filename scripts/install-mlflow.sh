#!/usr/bin/env bash
# Makes a real MLflow tracking server available to the end-to-end tests (tests/Pipeline.EndToEnd.Tests/Mlflow),
# then proves it starts: the tests start their own servers the same way. Uses MLflow 2.17.2 from ../shared/mlflow
# beside the checkout when that folder exists (installing its Debian packages, as root or with sudo), else an
# 'mlflow' that python3 already imports, else pip installs mlflow 2.17.2. Fails when none works, so CI cannot pass
# with those tests skipped (.ci/run sets PIPELINE_REQUIRE_MLFLOW=1). Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { echo "install-mlflow: $*"; }
shared=$(cd .. && pwd)/shared/mlflow

if [[ -f $shared/install-deps.sh ]]; then
  SUDO=()
  if ((EUID != 0)); then
    command -v sudo >/dev/null || { log "not root and no sudo; cannot install MLflow's Debian packages" >&2; exit 1; }
    SUDO=(sudo -n)
  fi
  "${SUDO[@]}" bash "$shared/install-deps.sh"
  python=(env PYTHONPATH="$shared/lib" PATH=/usr/bin:/bin /usr/bin/python3)
elif python3 -c "import mlflow" 2>/dev/null; then
  python=(python3)
elif python3 -m pip --version >/dev/null 2>&1; then
  log "pip install mlflow==2.17.2"
  python3 -m pip install --quiet --timeout 15 --retries 1 "mlflow==2.17.2"
  python=(python3)
else
  log "no MLflow: neither $shared nor an 'mlflow' importable by python3 (pip install mlflow)" >&2
  exit 1
fi

log "MLflow $("${python[@]}" -c 'import mlflow; print(mlflow.__version__)')"
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
setsid "${python[@]}" -m mlflow server --host 127.0.0.1 --port "$port" --backend-store-uri "sqlite:///$work/mlflow.db" \
  --serve-artifacts --artifacts-destination "$work/artifacts" --workers 1 >"$work/server.log" 2>&1 </dev/null &
pgid=$!
trap 'kill -- -$pgid 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do
  if curl -sf "http://127.0.0.1:$port/health" >/dev/null; then
    log "a test server started and answered /health on port $port"
    exit 0
  fi
  kill -0 "$pgid" 2>/dev/null || break
  sleep 1
done
log "the MLflow server did not start; last lines of its log:" >&2
tail -20 "$work/server.log" >&2
exit 1
