#!/bin/sh
# Two programs grading one collection at once: every logged review is a real
# one, no card is graded twice for the same due date, and a grade that came
# too late is refused with a message, never saved.
#   check-concurrent-grades.sh ENGRAM_CLI DECK
set -u
cli=$1 deck=$2
. "$(dirname "$0")/tap.sh"
db="$tmp/c.db"
at=2027-01-04T09:00:00Z

echo "1..4"
"$cli" --db "$db" import "$deck" >/dev/null
# no learning steps: a card graded Good at one instant is due again only
# days later, so two grades of a card at $at are two grades of one due date
"$cli" --db "$db" settings learning-steps "" &&
"$cli" --db "$db" settings new-per-day 1000 &&
"$cli" --db "$db" settings reviews-per-day 9999

grade_loop () {  # grade_loop N OUT
  i=0
  while [ $i -lt 200 ]; do
    "$cli" --db "$db" --at "$at" review --grade 3 >>"$2" 2>&1
    echo "status $?" >>"$2"
    i=$((i + 1))
  done
}
grade_loop 1 "$tmp/a" &
grade_loop 2 "$tmp/b" &
wait

"$cli" --db "$db" log --json >"$tmp/log.json"
python3 - "$tmp/log.json" >"$tmp/counts" <<'PY'
import json, sys
log = json.load(open(sys.argv[1]))
rows = [r for r in log if r.get("rating", 0) > 0]
cards = [r["card"] for r in rows]
print(len(rows), len(set(cards)))
PY
read -r rows distinct <"$tmp/counts"
saved=$(cat "$tmp/a" "$tmp/b" | grep -c ' Good: ')
refused=$(cat "$tmp/a" "$tmp/b" | grep -c 'reviewed elsewhere')

check "the loops graded most of the deck ($rows reviews)" test "$rows" -ge 200
check "no card was graded twice ($rows reviews of $distinct cards)" test "$rows" -eq "$distinct"
check "every grade the loops printed is in the log ($saved printed, $rows logged)" \
  test "$saved" -eq "$rows"
check "a grade that came too late was refused, not saved ($refused refused)" \
  sh -c "! grep -A1 'reviewed elsewhere' '$tmp/a' '$tmp/b' | grep -q 'status 0'"
