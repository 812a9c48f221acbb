#!/bin/sh
# Installs Debian's chromium for the browser tests (tests/e2e/, and the PDFs tests/test_pdf_text.py prints) and
# the DejaVu fonts the PDF tests write Vietnamese with, when missing and this is root with apt-get; otherwise
# says so, and those tests skip. Playwright drives this chromium through executable_path: `playwright install`
# (a browser download of its own) is never used.
set -eu
missing=""
[ -x /usr/bin/chromium ] || missing=" chromium"
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing="$missing fonts-dejavu-core"
if [ -z "$missing" ]; then
  exit 0
fi
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "note:$missing missing and this is not root with apt-get; the browser and PDF tests that need them" \
       "will be skipped (install with: sudo apt-get install$missing)"
  exit 0
fi
echo "installing Debian's$missing for the browser and PDF tests: apt-get install$missing"
apt-get update -qq
# shellcheck disable=SC2086 # one word per package
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
test -x /usr/bin/chromium
