#!/bin/sh
# engram-cli backup create|list|restore, and the backups taken before an
# import and before a restore.
#   check-backup.sh ENGRAM_CLI DECK
set -u
cli=$1 deck=$2
. "$(dirname "$0")/tap.sh"
db="$tmp/c.db"
backups="$tmp/c.db.backups"

echo "1..12"
"$cli" --db "$db" import "$deck" >/dev/null
for i in 1 2 3; do "$cli" --db "$db" review --grade 3 >/dev/null; done
"$cli" --db "$db" log --json >"$tmp/log-at-backup"

"$cli" --db "$db" backup create >"$tmp/create" 2>&1
check "backup create names the new backup and counts it" \
  grep -q "c.db.backups/.*-manual.db	245 cards, 3 reviews, " "$tmp/create"
name=$(ls "$backups")
check "the backup is one file beside the collection" test "$(ls "$backups" | wc -l)" -eq 1

"$cli" --db "$db" review --grade 1 >/dev/null
"$cli" --db "$db" log --json >"$tmp/log-later"
"$cli" --db "$db" backup list >"$tmp/list"
check "backup list shows name, time, reason, cards, reviews and size" \
  grep -q "^$name	20[0-9-]* [0-9:]*	manual	245 cards	3 reviews	.*kB$" "$tmp/list"

"$cli" --db "$db" backup restore "$name" >"$tmp/restore" 2>&1
"$cli" --db "$db" log --json >"$tmp/log-restored"
check "restore brings back the exact review log" cmp "$tmp/log-at-backup" "$tmp/log-restored"
kept=$(sed -n 's/^The collection as it was is kept in “\(.*\)”$/\1/p' "$tmp/restore")
check "restore first backed up the collection as it was" \
  sh -c "'$cli' --db '$kept' log --json | cmp - '$tmp/log-later'"

# an import backs the collection up first
"$cli" --db "$db" import "$deck" >/dev/null
check "an import is preceded by a backup" sh -c "ls '$backups' | grep -q -- '-import.db$'"
"$cli" --db "$db" import --dry-run "$deck" >/dev/null
check "a dry run takes none" test "$(ls "$backups" | grep -c -- '-import.db$')" -eq 1

# a damaged collection: backups still list and restore; it is moved aside
python3 -c 'import sys
f = open(sys.argv[1], "r+b")
for page in (20, 40, 60, 80):
    f.seek(page * 4096)
    f.write(bytes(4096))' "$db"
damaged=$(sha256sum <"$db")
"$cli" --db "$db" backup create >"$tmp/damaged-create" 2>&1
check "a damaged collection is not backed up" \
  sh -c "grep -q 'is damaged' '$tmp/damaged-create' && ! ls '$backups' | grep -q -- '-manual-2.db'"
"$cli" --db "$db" backup list >"$tmp/damaged-list" 2>&1
check "its backups are listed" grep -q "^$name" "$tmp/damaged-list"
"$cli" --db "$db" backup restore "$name" >"$tmp/damaged-restore" 2>&1
aside=$(sed -n 's/^The collection as it was is kept in “\(.*\)”$/\1/p' "$tmp/damaged-restore")
check "restoring over it moves it aside, byte for byte" \
  sh -c "test -n '$aside' && test \"\$(sha256sum <'$aside')\" = '$damaged'"
"$cli" --db "$db" log --json >"$tmp/log-restored-2"
check "and restores the backup" cmp "$tmp/log-at-backup" "$tmp/log-restored-2"

"$cli" --db "$db" backup restore no-such-backup.db >"$tmp/missing" 2>&1
status=$?
check "restoring a backup that is not there fails and says so" \
  sh -c "test $status -eq 1 && grep -q 'There is no backup “no-such-backup.db”' '$tmp/missing'"
