#!/bin/sh
# Collections engram-cli must not use: damaged, another program's database,
# empty (zero bytes), written by a newer Engram, not readable or writable,
# locked by another program.  Every command exits 1 with a message naming
# the file, and the file's bytes are unchanged.
#   check-refusals.sh ENGRAM_CLI DECK
set -u
cli=$1 deck=$2
. "$(dirname "$0")/tap.sh"
chmod 755 "$tmp"

# every command, the ones that only read and the ones that write
commands='list
list --sections
show 16/301
export --format json
export --format markdown
stats
due
forecast
log
search goroutine
settings
settings new-per-day
settings new-per-day 5
set-language expert-level-golang-interview-questions go
import DECK
import --dry-run DECK
review --grade 3
backup create'
n_commands=$(printf '%s\n' "$commands" | wc -l)
echo "1..$((8 * 2 + 1))"

good () {  # good PATH: a collection with the deck and a review
  "$cli" --db "$1" import "$deck" >/dev/null &&
  "$cli" --db "$1" review --grade 3 >/dev/null
}

sqlite () {  # sqlite PATH SQL: runs SQL with Python's sqlite3
  python3 -c 'import sqlite3, sys
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.executescript(sys.argv[2])
c.close()' "$1" "$2"
}

digest () {
  cat "$1" "$1-wal" 2>/dev/null | sha256sum
}

# run_all KIND PATH [RUNNER]: every command on PATH, run through RUNNER
# (as another user, say); PATH's bytes before and after are compared
run_all () {
  kind=$1 path=$2 runner=${3:-}
  before=$(digest "$path")
  : >"$tmp/$kind.failures"
  printf '%s\n' "$commands" | {
    i=0
    while IFS= read -r command; do
      i=$((i + 1))
      args=$(echo "$command" | sed "s|DECK|$deck|")
      # shellcheck disable=SC2086 # the runner's and the command's words are meant to split
      ( $runner "$cli" --db "$path" $args >"$tmp/$kind.$i.out" 2>"$tmp/$kind.$i.err"
        echo $? >"$tmp/$kind.$i.status" ) &
      # a lock makes each command wait: wait for all of them at once
      [ "$kind" = locked ] || wait
    done
    wait
  }
  i=0
  printf '%s\n' "$commands" | while IFS= read -r command; do
    i=$((i + 1))
    status=$(cat "$tmp/$kind.$i.status")
    if [ "$status" != 1 ] || ! grep -qF "$path" "$tmp/$kind.$i.err"; then
      echo "$command: exit $status: $(head -c 300 "$tmp/$kind.$i.err")" >>"$tmp/$kind.failures"
    fi
  done
  after=$(digest "$path")
  check "$kind: each of the $n_commands commands exits 1 naming the file" \
    sh -c "cat '$tmp/$kind.failures'; test ! -s '$tmp/$kind.failures'"
  check "$kind: the file's bytes are unchanged" test "$before" = "$after"
}

# damaged: pages overwritten in the middle of the file
good "$tmp/damaged.db"
python3 -c 'import sys
f = open(sys.argv[1], "r+b")
for page in (20, 40, 60, 80):
    f.seek(page * 4096)
    f.write(bytes((i * 7 + 3) % 256 for i in range(4096)))' "$tmp/damaged.db"
run_all damaged "$tmp/damaged.db"

# another program's database
sqlite "$tmp/foreign.db" "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine');"
run_all foreign "$tmp/foreign.db"

# zero bytes: the collection that was there is gone; never start a new one on it
: >"$tmp/empty.db"
run_all empty "$tmp/empty.db"

# written by a newer Engram
good "$tmp/newer.db"
sqlite "$tmp/newer.db" "PRAGMA user_version = 99;"
run_all newer "$tmp/newer.db"

# no permission, as a user who is not root (root may write anything)
as_user=
if [ "$(id -u)" = 0 ]; then
  as_user="setpriv --reuid=nobody --regid=nogroup --clear-groups"
fi
mine () {  # mine PATH...: the files belong to the user the commands run as
  if [ -n "$as_user" ]; then chown -R nobody "$@"; fi
}

# a file nobody may read, in a folder of the user's
mkdir "$tmp/secret"
good "$tmp/secret/c.db"
mine "$tmp/secret"
chmod 000 "$tmp/secret/c.db"
run_all unreadable "$tmp/secret/c.db" "$as_user"
chmod 600 "$tmp/secret/c.db"

# a file that may be read, not written, in a folder of the user's
mkdir "$tmp/readonly"
good "$tmp/readonly/c.db"
mine "$tmp/readonly"
chmod 444 "$tmp/readonly/c.db"
run_all read-only-file "$tmp/readonly/c.db" "$as_user"

# a folder that may be read, not written (a collection on a read-only medium)
mkdir "$tmp/ro"
good "$tmp/ro/c.db"
mine "$tmp/ro"
chmod 555 "$tmp/ro"
run_all read-only-folder "$tmp/ro/c.db" "$as_user"
chmod 755 "$tmp/ro"

# locked: another program holds the collection in exclusive mode
good "$tmp/locked.db"
python3 -c 'import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("PRAGMA locking_mode = EXCLUSIVE")
c.execute("BEGIN EXCLUSIVE")
c.execute("INSERT INTO settings VALUES (?, ?)", ("held", "1"))
open(sys.argv[2], "w").close()
time.sleep(20)
c.execute("ROLLBACK")' "$tmp/locked.db" "$tmp/lock-taken" &
locker=$!
while [ ! -e "$tmp/lock-taken" ]; do sleep 0.1; done
run_all locked "$tmp/locked.db"
kill $locker 2>/dev/null; wait $locker 2>/dev/null

# the messages say what is wrong in a person's words
check "each refusal says what is wrong" sh -c "
  grep -q 'is damaged' '$tmp/damaged.1.err' &&
  grep -q 'another program' '$tmp/foreign.1.err' &&
  grep -q 'is empty' '$tmp/empty.1.err' &&
  grep -q 'newer Engram' '$tmp/newer.1.err' &&
  grep -q 'permission denied' '$tmp/unreadable.1.err' &&
  grep -q '“$tmp/readonly/c.db” cannot be written (permission denied)' '$tmp/read-only-file.1.err' &&
  grep -q 'folder .* cannot be written (permission denied)' '$tmp/read-only-folder.1.err' &&
  grep -q 'another program is writing' '$tmp/locked.1.err'"
