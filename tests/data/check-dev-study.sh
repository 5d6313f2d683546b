#!/bin/sh
# engram-dev study: days of study of a collection's cards by a simulated
# learner, through the real scheduler; only on cards nobody studied.
#   check-dev-study.sh ENGRAM_DEV ENGRAM_CLI DECK.md
set -u
dev=$1 cli=$2 deck=$3
. "$(dirname "$0")/tap.sh"
export XDG_DATA_HOME="$tmp/data"
at=2026-11-19T20:00:00Z

echo "1..6"

"$cli" --db "$tmp/a.db" import "$deck" >/dev/null
"$dev" study --db "$tmp/a.db" --days 20 --seed 5 --at $at >"$tmp/study.out" 2>"$tmp/err"
status=$?
check "study exits 0 with nothing on stderr" \
  sh -c "test $status -eq 0 && test ! -s '$tmp/err'"
reviews=$(sed -n 's/.*: \([0-9]*\) reviews over 20 days.*/\1/p' "$tmp/study.out")
"$cli" --db "$tmp/a.db" --at $at log --json >"$tmp/log"
logged=$(grep -o '"rating"' "$tmp/log" | wc -l)
check "the reviews it reports are in the review log ($reviews)" \
  sh -c "test '${reviews:-0}' -gt 100 && test '$logged' -eq '$reviews'"
"$cli" --db "$tmp/a.db" --at $at stats --json >"$tmp/stats"
check "the history spans the 20 days: reviews 19 days ago" \
  python3 -c "
import json, sys
h = json.load(open('$tmp/stats'))['history']
days = [d for d in h if d['reviews'] > 0]
sys.exit(0 if len(h) == 365 and h[-20]['reviews'] > 0 and len(days) >= 12 else 1)"
check "no review is later than --at" \
  python3 -c "
import json, sys
from datetime import datetime
t = lambda s: datetime.fromisoformat(s.replace('Z', '+00:00'))
log = json.load(open('$tmp/log'))
sys.exit(0 if log and max(t(r['time']) for r in log) <= t('$at') else 1)"

cp "$tmp/a.db" "$tmp/before.db"
"$dev" study --db "$tmp/a.db" --days 5 --at $at >/dev/null 2>"$tmp/err2"
status=$?
check "a collection with reviews is refused and left as it was" \
  sh -c "test $status -eq 1 && grep -q 'no review yet' '$tmp/err2' && cmp '$tmp/a.db' '$tmp/before.db'"
check "without --days: a usage error" \
  sh -c "'$dev' study --db '$tmp/b.db' 2>'$tmp/err3'; test \$? -eq 1 && grep -q required '$tmp/err3' && test ! -e '$tmp/b.db'"
