#!/bin/sh
# Two programs annotating one card at once: every highlight a program was
# told it made is in the collection, once, with its comment; a write that
# could not be made was refused with a message, never half made; the card's
# search row stays whole.
#   check-annotations-concurrent.sh ENGRAM_CLI DECK
set -u
cli=$1 deck=$2
. "$(dirname "$0")/tap.sh"
db="$tmp/c.db"

echo "1..5"
"$cli" --db "$db" import "$deck" >/dev/null

annotate_loop () {  # annotate_loop NAME QUOTE OUT
  i=0
  while [ $i -lt 100 ]; do
    if id=$("$cli" --db "$db" highlight add 16/301 --quote "$2" --comment "$1x$i" 2>>"$3.err"); then
      echo "$id $1x$i" >>"$3"
    fi
    i=$((i + 1))
  done
}
annotate_loop alpha "Work Stealing" "$tmp/a" &
annotate_loop beta "M:N scheduler" "$tmp/b" &
wait
touch "$tmp/a" "$tmp/b" "$tmp/a.err" "$tmp/b.err"

"$cli" --db "$db" annotations list --card 16/301 --json >"$tmp/list.json"
python3 - "$tmp/list.json" "$tmp/a" "$tmp/b" >"$tmp/result" <<'PY'
import json, sys
listed = {a["id"]: a for a in json.load(open(sys.argv[1]))}
made = [line.split() for f in sys.argv[2:] for line in open(f)]
missing = [m for m in made if int(m[0]) not in listed or listed[int(m[0])]["comment"] != m[1]]
print(len(made), len(listed), len(missing))
PY
read -r made listed missing <"$tmp/result"
refused=$(cat "$tmp/a.err" "$tmp/b.err" | grep -c .)

check "the two programs made most of their 200 highlights ($made made, $refused refused)" \
  test "$made" -ge 100
check "every highlight a program was told it made is there with its comment" test "$missing" -eq 0
check "nothing else was written ($listed listed, $made made)" test "$listed" -eq "$made"
check "a refused write said why (no empty refusal)" \
  sh -c "! grep -qx '' '$tmp/a.err' '$tmp/b.err'"
last=$(tail -n 1 "$tmp/b" | cut -d' ' -f2)
check "the card's search row has the last comment ($last)" \
  sh -c "'$cli' --db '$db' search '$last' | grep -q '16/301'"
