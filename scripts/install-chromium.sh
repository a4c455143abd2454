#!/usr/bin/env bash
# Installs headless Chromium for the report stage's browser test (tests/Pipeline.Stages.Report.Tests).
# Idempotent: does nothing when /usr/bin/chromium is already there. Debian/Ubuntu, run as root (or with sudo).
set -euo pipefail

if [[ -x /usr/bin/chromium ]]; then
    echo "install-chromium: /usr/bin/chromium already present ($(/usr/bin/chromium --version 2>/dev/null || echo 'version unknown')); nothing to do"
    exit 0
fi

sudo_cmd=()
if [[ "$(id -u)" -ne 0 ]]; then
    sudo_cmd=(sudo)
fi

echo "install-chromium: /usr/bin/chromium missing; running apt-get update"
# Other builders may hold the dpkg lock: wait for it (up to 15 min) instead of failing at once.
"${sudo_cmd[@]}" apt-get -o DPkg::Lock::Timeout=900 update
echo "install-chromium: installing chromium (--no-install-recommends)"
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get -o DPkg::Lock::Timeout=900 install -y --no-install-recommends chromium
echo "install-chromium: installed $(/usr/bin/chromium --version 2>/dev/null || echo '/usr/bin/chromium')"
