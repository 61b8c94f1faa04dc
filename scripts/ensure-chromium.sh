#!/usr/bin/env bash
# Make sure Debian's Chromium is installed, for the browser tests (extension e2e, batch PDF).
# Playwright cannot download browsers here, so tests drive /usr/bin/chromium instead.
# Idempotent: exits 0 at once when Chromium is already there; installs it with apt-get when
# running as root; otherwise exits non-zero so the test fixture can skip with a clear reason.
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [[ -x "$CHROMIUM" ]]; then
    exit 0
fi
if [[ "$(id -u)" -ne 0 ]]; then
    echo "ensure-chromium: $CHROMIUM is missing and we are not root; install it with 'apt-get install chromium'" >&2
    exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure-chromium: $CHROMIUM is missing and apt-get is not available; install Chromium by hand" >&2
    exit 1
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
if [[ ! -x "$CHROMIUM" ]]; then
    echo "ensure-chromium: apt-get finished but $CHROMIUM is still missing" >&2
    exit 1
fi
