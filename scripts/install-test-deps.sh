#!/usr/bin/env bash
# Installs the system packages the tests need, each with its own idempotent script (a no-op when present):
# Slurm (the Slurm executor's end-to-end tests), Debian's Fashion-MNIST files, Chromium (the report's browser
# checks), tmux (the live progress test in a real terminal), and a real MLflow server's dependencies (the tracking
# tests against it). Test fixtures never install anything themselves. Debian/Ubuntu; root, or sudo without a password.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/slurm/install.sh
bash scripts/install-fashion-mnist.sh
bash scripts/install-chromium.sh
bash scripts/install-tmux.sh
# MLflow is optional for a user (its tests then say they were skipped and why); CI sets PIPELINE_REQUIRE_MLFLOW=1.
if ! bash scripts/install-mlflow.sh; then
    [[ ${PIPELINE_REQUIRE_MLFLOW:-0} == 1 || ${PIPELINE_REQUIRE_ALL:-0} == 1 ]] && exit 1
    echo "install-test-deps: no MLflow server here: the tests against a real one will be skipped, with the reason"
fi
