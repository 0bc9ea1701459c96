#!/usr/bin/env bash
# Installs Debian's chromium when no Chromium is on PATH, for the headless test of report.html
# (HtmlReportInChromiumTest). .ci/run calls it before the build; the test calls it too when CI=true and Chromium is
# missing. Needs root (CI runs as root) and Debian's package lists.
set -euo pipefail
for browser in chromium chromium-browser google-chrome; do
  if command -v "$browser" >/dev/null 2>&1; then
    exit 0
  fi
done
echo "ensure-chromium: installing Debian's chromium for the report test" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium >/dev/null
command -v chromium >/dev/null
