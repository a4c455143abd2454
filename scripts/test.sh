#!/usr/bin/env bash
# The README's test command: installs what the tests need (scripts/install-test-deps.sh, idempotent), then runs
# every test project. Arguments go to `dotnet test` (e.g. --filter ..., --no-build).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-test-deps.sh
dotnet test Pipeline.sln "$@"
