#!/usr/bin/env bash
# Renders the HTML audit of fixtures/acme-retail in headless Chromium: a PNG screenshot
# for docs/, and a check that the page loads without console messages.
#
#   scripts/audit-screenshot.sh [OUTPUT.png]      (default: docs/audit.png)
#
# Needs Debian's chromium (apt-get install -y chromium). Without it, says so and exits 0
# with "skipped": the rest of the suite does not depend on a browser.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/audit.png}
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
  echo "skipped: no chromium found (install Debian's chromium: apt-get install -y chromium)"
  exit 0
fi
swift build --product stratlint >&2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
.build/debug/stratlint audit fixtures/acme-retail --today 2026-11-22 --format html --output "$work/audit.html"
flags=(--headless=new --no-sandbox --disable-gpu --hide-scrollbars --enable-logging=stderr --v=0)
# Console messages (errors included) are logged as INFO:CONSOLE lines.
"$browser" "${flags[@]}" --dump-dom "file://$work/audit.html" > "$work/dom.html" 2> "$work/console.log" || true
if grep -q ':CONSOLE' "$work/console.log"; then
  echo "console messages while loading the audit:" >&2
  grep ':CONSOLE' "$work/console.log" >&2
  exit 1
fi
grep -q '<h1>Governance audit</h1>' "$work/dom.html" || { echo "the page did not load" >&2; exit 1; }
"$browser" "${flags[@]}" --window-size=1100,2400 --screenshot="$out" "file://$work/audit.html" 2>/dev/null
echo "wrote $out ($(wc -c < "$out") bytes); no console messages"
