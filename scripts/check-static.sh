#!/usr/bin/env bash
# Shows that the binary scripts/install.sh builds runs where no Swift is installed: it
# checks the bundled example with the toolchain's folder hidden (a private mount
# namespace with an empty folder over it), and shows that the ordinary build cannot.
#
#   scripts/check-static.sh            needs root, or unshare permission for user namespaces
#
# Exits 0 when the static binary runs and its report matches the ordinary build's.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
swift build -c release --static-swift-stdlib --product stratlint --build-path .build-static >&2
# The ordinary build to compare with: a debug one, whose objects `swift test` (which CI
# runs next) reuses, rather than a third release build (about two minutes of CI).
swift build --product stratlint >&2
toolchain=$(dirname "$(dirname "$(readlink -f "$(command -v swift)")")")   # …/usr
echo "toolchain: $toolchain" >&2
echo "libraries of the static binary:" >&2
ldd .build-static/release/stratlint >&2
if ldd .build-static/release/stratlint | grep -q "$toolchain"; then
  echo "FAIL: the static binary links a library of the toolchain" >&2
  exit 1
fi
expected=$(.build/debug/stratlint check fixtures/acme-retail --today 2026-11-22 --format json || true)
if ! unshare --mount true 2>/dev/null; then
  echo "SKIPPED: unshare --mount is not permitted here, so the toolchain cannot be hidden" >&2
  exit 0
fi
# shellcheck disable=SC2016
unshare --mount bash -c '
  set -u
  mount -t tmpfs none "$1/lib"
  if "$2/.build/debug/stratlint" --version >/dev/null 2>&1; then
    echo "FAIL: the ordinary build ran with the toolchain hidden, so it is not hidden" >&2; exit 1
  fi
  "$2/.build-static/release/stratlint" check "$2/fixtures/acme-retail" --today 2026-11-22 --format json > "$3" || true
' _ "$toolchain" "$root" "${TMPDIR:-/tmp}/stratlint-static-report.json"
if [ "$(cat "${TMPDIR:-/tmp}/stratlint-static-report.json")" != "$expected" ]; then
  echo "FAIL: the static binary's report differs from the ordinary build's" >&2
  exit 1
fi
echo "ok: the static binary runs with $toolchain/lib hidden and reports what the ordinary build reports"
