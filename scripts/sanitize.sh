#!/usr/bin/env bash
# Runs the whole test suite under AddressSanitizer, then under ThreadSanitizer.
#
#   scripts/sanitize.sh [address|thread ...]     (default: both)
#
# Each sanitizer builds into its own folder (.build-asan/, .build-tsan/), so the normal
# build is left alone. Exits non-zero if any run fails or reports a problem.
set -uo pipefail
cd "$(dirname "$0")/.."
kinds=("$@")
[ ${#kinds[@]} -eq 0 ] && kinds=(address thread)
status=0
for kind in "${kinds[@]}"; do
  case "$kind" in
    address) path=.build-asan ;;
    thread) path=.build-tsan ;;
    *) echo "usage: scripts/sanitize.sh [address|thread ...]" >&2; exit 2 ;;
  esac
  echo "== swift test --sanitize=$kind" >&2
  start=$(date +%s)
  # halt_on_error: the first report fails the run. Leak detection is on, with the
  # toolchain's own leaks suppressed (scripts/lsan.supp); children (the stratlint runs of
  # the CLI tests) inherit the options.
  ASAN_OPTIONS=halt_on_error=1:detect_leaks=1 LSAN_OPTIONS=suppressions=$PWD/scripts/lsan.supp \
    TSAN_OPTIONS=halt_on_error=1 \
    swift test --build-path "$path" --sanitize="$kind" 2>&1 | tee "$path.log" | grep -E '^(✔ Test run|✘|==[0-9]+==|SUMMARY|WARNING: ThreadSanitizer)' >&2
  result=${PIPESTATUS[0]}
  echo "sanitizer=$kind exit=$result seconds=$(( $(date +%s) - start )) log=$path.log"
  [ "$result" -eq 0 ] || status=1
done
exit $status
