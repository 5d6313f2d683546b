#!/bin/sh
# engram-cli import of files that are not regular files: refused at once, by
# a message naming the file, and the collection left as it was.
#   check-import-special.sh ENGRAM_CLI FIXTURES
#
# The code this guards against read /dev/zero until memory ran out and
# waited on a FIFO forever: every import here runs under `timeout 10` and in
# 1 GB of address space, so such a failure is a failed test, not a stuck one.
set -u
cli=$1 fixtures=$2
. "$(dirname "$0")/tap.sh"
db="$tmp/c.db"

echo "1..11"
"$cli" --db "$db" import "$fixtures/expert-go-interview-questions.md" >/dev/null 2>&1

# the bytes of the collection and of its write-ahead log
state () {
  sha256sum <"$db"
  if [ -e "$db-wal" ]; then sha256sum <"$db-wal"; else echo "no wal"; fi
}

# An AddressSanitizer build (make check-asan) reserves terabytes of address
# space for its shadow memory, so there the 1 GB is ASan's own limit on the
# memory the program really uses.
if nm -D "$cli" 2>/dev/null | grep -q ' __asan_init$'; then
  limit () { ASAN_OPTIONS="${ASAN_OPTIONS:-}:hard_rss_limit_mb=1024" "$@"; }
else
  limit () { ulimit -v 1048576; "$@"; }
fi

import () {  # import FILE: at most 10 s and 1 GB
  (limit timeout 10 "$cli" --db "$db" import "$1")
}

refused () {  # refused DESCRIPTION FILE REASON
  before=$(state)
  import "$2" >"$tmp/refused-out" 2>"$tmp/refused-err"
  status=$?
  after=$(state)
  check "$1: exit 1" test $status -eq 1
  check "$1: the message names the file and says why" \
    grep -qxF "engram-cli: $2: $3" "$tmp/refused-err"
  check "$1: the collection is unchanged" test "$before" = "$after"
}

refused "/dev/zero" /dev/zero "is a device, not a deck file"
mkfifo "$tmp/pipe.md"
refused "a FIFO nobody writes to" "$tmp/pipe.md" "is a pipe, not a deck file"
ln -s /dev/zero "$tmp/zero.md"
refused "a symlink to /dev/zero" "$tmp/zero.md" "is a device, not a deck file"

ln -s "$fixtures/expert-go-interview-questions.md" "$tmp/deck.md"
import "$tmp/deck.md" >"$tmp/link-out" 2>&1
check "a symlink to a deck imports it" \
  grep -q '245 cards: 0 added, 0 updated, 245 unchanged, 0 removed' "$tmp/link-out"
"$cli" --db "$db" stats >"$tmp/stats" 2>&1
check "the collection still holds the deck" grep -q '^Cards: *245 ' "$tmp/stats"
