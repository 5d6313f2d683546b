#!/bin/sh
# engram-cli export -o: never over the collection, its journal or its
# backups; through symlinks, keeping a file's mode; pipes and devices written
# as they are, never replaced.
#   check-export.sh ENGRAM_CLI FIXTURES
#
# Never point -o at /dev/null or another file of the system here: the code
# this guards against replaced its target with a regular file.
set -u
cli=$1 fixtures=$2
. "$(dirname "$0")/tap.sh"
db="$tmp/c.db"

echo "1..38"
"$cli" --db "$tmp/pristine.db" import "$fixtures/expert-go-interview-questions.md" >/dev/null 2>&1

# each case starts from the same collection, whatever the one before did
fresh () {
  rm -f "$db-wal" "$db-shm"
  cp "$tmp/pristine.db" "$db"
}
fresh

# the bytes of the collection and of its write-ahead log
state () {
  sha256sum <"$db"
  if [ -e "$db-wal" ]; then sha256sum <"$db-wal"; else echo "no wal"; fi
}

intact () {  # intact STATE: the collection's bytes are STATE and it opens
  [ "$1" = "$(state)" ] && "$cli" --db "$db" stats >"$tmp/stats" && grep -q '^Cards: *245 ' "$tmp/stats"
}

refused () {  # refused DESCRIPTION TARGET: exit 1, TARGET named, nothing changed
  fresh
  before=$(state)
  "$cli" --db "$db" export --format json -o "$2" >"$tmp/refused-out" 2>"$tmp/refused-err"
  status=$?
  check "$1: exit 1" test $status -eq 1
  check "$1: the message names the file" grep -qF "engram-cli: $2: will not write" "$tmp/refused-err"
  check "$1: the collection is unchanged and opens" intact "$before"
}

refused "the collection itself" "$db"
refused "its write-ahead log" "$db-wal"
mkdir "$tmp/sub"
refused "the collection by another path" "$tmp/sub/../c.db"
ln "$db" "$tmp/hard-link.db"
refused "a hard link to the collection" "$tmp/hard-link.db"
ln -s c.db "$tmp/link.db"
refused "a symlink to the collection" "$tmp/link.db"
refused "its backup folder, not made yet" "$db.backups"
rm -rf "$db.backups"; mkdir "$db.backups"
refused "a file in its backup folder" "$db.backups/export.json"
check "nothing was written in the backup folder" test -z "$(ls -A "$db.backups")"

fresh
# a symlink is written through: it stays a link, its target gets the export
echo old >"$tmp/target.json"
ln -s target.json "$tmp/export-link.json"
"$cli" --db "$db" export --format json -o "$tmp/export-link.json" 2>"$tmp/err"
check "a symlink: exit 0" test $? -eq 0
check "a symlink stays a symlink" test -L "$tmp/export-link.json"
check "its target gets the export" grep -q '"question" : "How does the Go scheduler work?"' "$tmp/target.json"

fresh
# an existing file keeps its mode
echo old >"$tmp/secret.json"
chmod 600 "$tmp/secret.json"
"$cli" --db "$db" export --format json -o "$tmp/secret.json" 2>"$tmp/err"
check "a mode-600 file: exit 0" test $? -eq 0
check "a mode-600 file stays 600" test "$(stat -c %a "$tmp/secret.json")" = 600
check "a mode-600 file gets the export" grep -q '"decks"' "$tmp/secret.json"
check "no temporary file is left" test "$(ls -A "$tmp" | grep -c '^\.')" -eq 0

fresh
# a FIFO is written to, not replaced (the reader gives up after 10 s)
mkfifo "$tmp/pipe"
timeout 10 cat "$tmp/pipe" >"$tmp/from-pipe" &
reader=$!
timeout 10 "$cli" --db "$db" export --format json -o "$tmp/pipe" 2>"$tmp/err"
status=$?
wait $reader
check "a FIFO: exit 0" test $status -eq 0
check "a FIFO: its reader gets the export" grep -q '"decks"' "$tmp/from-pipe"
check "a FIFO stays a FIFO" test -p "$tmp/pipe"

fresh
# the standard output by name, here a pipe: /dev/fd/1 first (the old code
# could not create a file in /proc and failed), then /dev/stdout
{ "$cli" --db "$db" export --format json -o /dev/fd/1 2>"$tmp/err"; echo $? >"$tmp/fd1-status"; } \
  | cat >"$tmp/fd1.json"
check "-o /dev/fd/1 into a pipe: exit 0" test "$(cat "$tmp/fd1-status")" -eq 0
check "-o /dev/fd/1 into a pipe writes the export" grep -q '"decks"' "$tmp/fd1.json"
if [ "$(cat "$tmp/fd1-status")" -eq 0 ] && grep -q '"decks"' "$tmp/fd1.json"; then
  { "$cli" --db "$db" export --format json -o /dev/stdout 2>"$tmp/err"; echo $? >"$tmp/so-status"; } \
    | cat >"$tmp/stdout.json"
  check "-o /dev/stdout into a pipe writes the export" \
    sh -c "[ \"\$(cat '$tmp/so-status')\" -eq 0 ] && grep -q '\"decks\"' '$tmp/stdout.json'"
  "$cli" --db "$db" export --format json -o /dev/stdout >"$tmp/redirected.json" 2>"$tmp/err"
  status=$?
  check "-o /dev/stdout into a file writes the export" \
    sh -c "[ $status -eq 0 ] && grep -q '\"decks\"' '$tmp/redirected.json'"
else
  # it would have replaced this machine's /dev/stdout
  n=$((n + 1)); echo "not ok $n - -o /dev/stdout into a pipe (not run: /dev/fd/1 failed)"
  n=$((n + 1)); echo "not ok $n - -o /dev/stdout into a file (not run: /dev/fd/1 failed)"
fi
check "/dev/stdout is still a symlink" test -L /dev/stdout

"$cli" --db "$db" export --format json -o - >"$tmp/dash.json" 2>"$tmp/err"
check "-o - is the standard output" grep -q '"decks"' "$tmp/dash.json"
