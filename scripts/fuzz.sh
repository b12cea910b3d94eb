#!/usr/bin/env bash
# Fuzzes one target of Sources/FuzzTargets with libFuzzer.
#
#   scripts/fuzz.sh TARGET SECONDS [-- LIBFUZZER-FLAGS...]
#
# TARGET: yaml, expression, rule-file, check, text-report or location. The build (libFuzzer coverage plus
# AddressSanitizer, STRATLINT_FUZZ=1 in Package.swift) goes to .build-fuzz/; the corpus
# lives in .build-fuzz-data/corpus/TARGET, seeded from fixtures/ and rules/ on every run,
# and crashes, hangs (over 10 s) and out-of-memory inputs go to
# .build-fuzz-data/artifacts/TARGET/ (outside the build folder, which SwiftPM prunes).
# Copy each one into fixtures/fuzz/TARGET/ and fix it: the FuzzRegression tests replay
# every file there.
set -euo pipefail

usage() { echo "usage: scripts/fuzz.sh yaml|expression|rule-file|check|text-report|location SECONDS [-- libFuzzer flags]" >&2; exit 2; }
[ $# -ge 2 ] || usage
target=$1
seconds=$2
shift 2
[ "${1:-}" = "--" ] && shift
case "$target" in yaml|expression|rule-file|check|text-report|location) ;; *) usage ;; esac
case "$seconds" in ''|*[!0-9]*) usage ;; esac

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
build=.build-fuzz
data=.build-fuzz-data
corpus=$data/corpus/$target
artifacts=$data/artifacts/$target
STRATLINT_FUZZ=1 swift build --build-path "$build" --product stratlint-fuzz >&2
mkdir -p "$corpus" "$artifacts" "$data/seeds/$target"

# Seeds: what the target reads, taken from the repository.
seeds=$data/seeds/$target
rm -f "$seeds"/*
case "$target" in
  yaml|check|text-report)
    find fixtures -name '*.yaml' -o -name '*.yml' | sort | while read -r f; do
      cp "$f" "$seeds/$(echo "$f" | tr '/' '_')"
    done ;;
  rule-file)
    for f in rules/*.yaml fixtures/invalid/rules/*.yaml fixtures/rule-tests/*/*.yaml; do
      [ -f "$f" ] && cp "$f" "$seeds/$(echo "$f" | tr '/' '_')"
    done ;;
  location)
    find fixtures/backstage -name '*.yaml' | sort | while read -r f; do
      cp "$f" "$seeds/$(echo "$f" | tr '/' '_')"
    done ;;
  expression)
    # Every `when:` and message of the built-in pack, one per file.
    n=0
    grep -h -E '^\s+(when|message): ' rules/*.yaml | sed -E 's/^\s+(when|message): //; s/^"(.*)"$/\1/' |
      while IFS= read -r line; do
        n=$((n + 1))
        printf '%s' "$line" > "$seeds/$n"
      done ;;
esac
[ -d fixtures/fuzz/$target ] && cp fixtures/fuzz/$target/* "$seeds/" 2>/dev/null || true

echo "fuzzing $target for $seconds s; seeds: $(ls "$seeds" | wc -l), corpus: $(ls "$corpus" | wc -l) files" >&2
log=$data/fuzz-$target.log
set +e
STRATLINT_FUZZ_TARGET=$target "$build/debug/stratlint-fuzz" \
  -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
  -artifact_prefix="$artifacts/" -print_final_stats=1 "$@" \
  "$corpus" "$seeds" 2>&1 | tee "$log" | grep -E '^#[0-9]+\s+(INITED|pulse|DONE)|^==|ERROR|SUMMARY|stat::' >&2
status=${PIPESTATUS[0]}
set -e

# The summary docs/robustness.md records.
last=$(grep -E '^#[0-9]+' "$log" | tail -1)
execs=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}')
echo "target=$target seconds=$seconds executions=${execs:-?} $(echo "$last" | grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+/[0-9a-zA-Z]+') exit=$status"
echo "artifacts: $(ls "$artifacts" | wc -l) in $artifacts/"
exit "$status"
