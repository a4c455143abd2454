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
bash scripts/install-mlflow.sh
