#!/bin/sh
# Installs Debian's chromium for the browser tests (tests/e2e/) when it is missing and this is root with
# apt-get; otherwise says so, and those tests skip. Playwright drives this chromium through
# executable_path: `playwright install` (a browser download of its own) is never used.
set -eu
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "note: /usr/bin/chromium is missing and this is not root with apt-get; the browser tests will be" \
       "skipped (install it with: sudo apt-get install chromium)"
  exit 0
fi
echo "installing Debian's chromium for the browser tests: apt-get install chromium"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
test -x /usr/bin/chromium
