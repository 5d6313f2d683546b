#!/bin/sh
# run-fuzzer.sh FUZZER CORPUS REGRESSIONS DICT
#
# Runs a libFuzzer target for $FUZZ_SECONDS (default 30) on a copy of its
# corpus (the tree is never written), after replaying its regression
# inputs.  Exits non-zero on a crash, a leak or a broken invariant; the
# input that did it is left in the temporary folder printed on failure.
set -u
fuzzer=$1 corpus=$2 regressions=$3 dict=$4
seconds=${FUZZ_SECONDS:-30}
# no fill of each new block and a smaller quarantine: the targets allocate
# much (SQLite) and run 2-3 times faster so; use-after-free is still found
# in the last 64 MB freed
ASAN_OPTIONS=${ASAN_OPTIONS:-max_malloc_fill_size=0:quarantine_size_mb=64}
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export ASAN_OPTIONS UBSAN_OPTIONS

work=$(mktemp -d "${TMPDIR:-/tmp}/engram-fuzz-XXXXXX") || exit 1
mkdir -p "$work/corpus" "$work/artifacts" "$work/tmp"
# the targets' collections and files (in memory when /dev/shm is a tmpfs)
if [ -w /dev/shm ]; then
  ENGRAM_FUZZ_TMPDIR=$(mktemp -d /dev/shm/engram-fuzz-run-XXXXXX) || exit 1
else
  ENGRAM_FUZZ_TMPDIR=$work/tmp
fi
export ENGRAM_FUZZ_TMPDIR
cp "$corpus"/* "$work/corpus/" 2>/dev/null

if [ -d "$regressions" ] && [ -n "$(ls -A "$regressions" 2>/dev/null)" ]; then
  "$fuzzer" "$regressions"/* >"$work/regressions.log" 2>&1 || {
    cat "$work/regressions.log"
    echo "$(basename "$fuzzer"): a regression input fails again (log above)"
    rm -rf "$ENGRAM_FUZZ_TMPDIR"
    exit 1
  }
fi

"$fuzzer" -max_total_time="$seconds" -timeout=25 -rss_limit_mb=2048 -max_len=8192 \
  -dict="$dict" -artifact_prefix="$work/artifacts/" -print_final_stats=1 \
  "$work/corpus" >"$work/fuzz.log" 2>&1
status=$?
rm -rf "$ENGRAM_FUZZ_TMPDIR"
grep -E '^#[0-9]+[[:space:]]+DONE' "$work/fuzz.log" | tail -n 1
tail -n 25 "$work/fuzz.log"
if [ $status -ne 0 ]; then
  echo "$(basename "$fuzzer"): FAILED after fuzzing (status $status); input and log kept in $work"
  exit 1
fi
rm -rf "$work"
exit 0
