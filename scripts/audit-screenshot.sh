#!/usr/bin/env bash
# Renders the HTML audit of fixtures/acme-retail, with three recorded audits in its
# history, in headless Chromium: a PNG screenshot of its top (score, trend, charts, map)
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
# Three recorded audits of acme-retail: as it was in March (before KPIs, employee input,
# business cases and security reviews were written down), in July (before employee
# input and security reviews), and as it is now.
cp -r fixtures/acme-retail "$work/march"
cp -r fixtures/acme-retail "$work/july"
sed -i -E '/^ +(kpis|employee_input|security_review|business_case):/d' "$work/march/strategy.yaml" "$work/march/loyalty.yaml"
sed -i -E '/^ +(employee_input|security_review):/d' "$work/july/strategy.yaml"
stratlint=$PWD/.build/debug/stratlint
(cd "$work/march" && "$stratlint" audit . --today 2026-03-31 --history "$work/history.sqlite" --output "$work/march.md")
(cd "$work/july" && "$stratlint" audit . --today 2026-07-15 --history "$work/history.sqlite" --output "$work/july.md")
"$stratlint" audit fixtures/acme-retail --today 2026-11-22 --history "$work/history.sqlite" --format html --output "$work/audit.html"
flags=(--headless=new --no-sandbox --disable-gpu --hide-scrollbars --enable-logging=stderr --v=0)
# Console messages (errors included) are logged as INFO:CONSOLE lines.
"$browser" "${flags[@]}" --dump-dom "file://$work/audit.html" > "$work/dom.html" 2> "$work/console.log" || true
if grep -q ':CONSOLE' "$work/console.log"; then
  echo "console messages while loading the audit:" >&2
  grep ':CONSOLE' "$work/console.log" >&2
  exit 1
fi
grep -q '<h1>Governance audit</h1>' "$work/dom.html" || { echo "the page did not load" >&2; exit 1; }
"$browser" "${flags[@]}" --window-size=1100,3300 --screenshot="$out" "file://$work/audit.html" 2>/dev/null
echo "wrote $out ($(wc -c < "$out") bytes); no console messages"
