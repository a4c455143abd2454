#!/usr/bin/env bash
# Installs tmux for the end-to-end test that shows the live progress rows in a real terminal
# (tests/Pipeline.EndToEnd.Tests/LiveProgressTerminalTests.cs). Idempotent. Debian/Ubuntu, root or sudo.
set -euo pipefail

if command -v tmux >/dev/null; then
    echo "install-tmux: $(tmux -V) already present; nothing to do"
    exit 0
fi

sudo_cmd=()
if [[ "$(id -u)" -ne 0 ]]; then
    sudo_cmd=(sudo)
fi

"${sudo_cmd[@]}" apt-get -o DPkg::Lock::Timeout=900 update
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get -o DPkg::Lock::Timeout=900 install -y --no-install-recommends tmux
echo "install-tmux: installed $(tmux -V)"
