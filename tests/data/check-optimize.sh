#!/bin/sh
# engram-cli optimize: the FSRS optimizer on the oracle's CSV logs (figures
# against fsrs-rs's in results.json) and on a synthetic collection; too few
# reviews and bad files give a clear message; nothing is changed without
# --apply, which reschedules every card, and --undo takes it back.
#   check-optimize.sh ENGRAM_DEV ENGRAM_CLI FIXTURES
set -u
dev=$1 cli=$2 fixtures=$3
. "$(dirname "$0")/tap.sh"
export XDG_DATA_HOME="$tmp/data"
cases="$fixtures/fsrs/optimizer"
at=2026-11-19T10:00:00Z

# holds DESCRIPTION EXPRESSION: true over the JSON j ($tmp/o.json) and the
# fsrs-rs figures r of medium (results.json)
cat >"$tmp/holds.py" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
r = [d for d in json.load(open(sys.argv[2]))["datasets"] if d["name"] == "medium"][0]["evaluate_binding"]
value = eval(sys.argv[3])
if value is not True:
    print("%s: %r" % (sys.argv[3], value))
    sys.exit(1)
PY
holds () {
  check "$1" python3 "$tmp/holds.py" "$tmp/o.json" "$cases/results.json" "$2"
}

echo "1..25"

"$cli" optimize --csv "$cases/medium.csv" --json >"$tmp/o.json"
check "optimize --csv --json exits 0" test $? -eq 0
holds "21 parameters, the items of medium.csv, all fitted" \
  'len(j["parameters"]) == 21 and j["items"] == 1037 and j["fitted"] == "all"'
holds "the fitted log loss is within 0.5 % of fsrs-rs's" \
  'j["log_loss"] <= r["optimized"]["log_loss"] * 1.005 and j["log_loss"] < j["default_log_loss"]'
holds "the defaults' figures are fsrs-rs's" \
  'abs(j["default_log_loss"] - r["default"]["log_loss"]) < 1e-5 and abs(j["default_rmse_bins"] - r["default"]["rmse_bins"]) < 1e-5'
holds "the time is reported" 'j["ms"] >= 0'
holds "a desired retention is suggested, in [0.70, 0.95], in hundredths" \
  '0.70 <= j["optimal_retention"] <= 0.95 and abs(j["optimal_retention"] * 100 - round(j["optimal_retention"] * 100)) < 1e-9'
"$cli" optimize --csv "$cases/medium.csv" --json >"$tmp/o2.json"
check "the same log gives the same parameters" python3 -c "
import json, sys
a, b = (json.load(open(f))['parameters'] for f in sys.argv[1:])
sys.exit(a != b)" "$tmp/o.json" "$tmp/o2.json"
check "the text says what was fitted and the figures" sh -c \
  "'$cli' optimize --csv '$cases/medium.csv' | grep -q '^Fitted from 1037 reviews' &&
   '$cli' optimize --csv '$cases/medium.csv' | grep -q '^Log loss: 0\.34[0-9]* (defaults 0\.3572)'"
check "the text suggests a desired retention" sh -c \
  "'$cli' optimize --csv '$cases/medium.csv' | grep -q '^Suggested desired retention: 0\.[7-9][0-9] (the least study time for what you remember'"
check "a log with only the initial stabilities' worth says so" sh -c \
  "'$cli' optimize --csv '$cases/small-pretrain.csv' | grep -q 'Only the four initial stabilities'"

check "too few reviews: exit 1 and how many are needed" sh -c \
  "! '$cli' optimize --csv '$cases/tiny.csv' 2>'$tmp/err' && grep -q 'at least 8 needed' '$tmp/err'"
printf 'id,time\n1,2\n' >"$tmp/bad.csv"
check "a file that is not a review log is refused, named" sh -c \
  "! '$cli' optimize --csv '$tmp/bad.csv' 2>'$tmp/err' && grep -q 'bad.csv.*is not a review log' '$tmp/err'"
check "an unexpected argument is refused" sh -c "! '$cli' optimize extra 2>/dev/null"

# the collection's review log
"$dev" bench-gen --cards 200 --reviews 2000 --seed 3 --at $at --db "$tmp/a.db" >/dev/null
"$cli" --db "$tmp/a.db" --at $at export --format json -o "$tmp/before.json"
"$cli" --db "$tmp/a.db" optimize --json >"$tmp/c.json"
check "optimize fits the collection's review log" python3 -c "
import json, sys
j = json.load(open(sys.argv[1]))
sys.exit(not (len(j['parameters']) == 21 and j['items'] > 100 and j['log_loss'] <= j['default_log_loss']))" \
  "$tmp/c.json"
check "and suggests a desired retention from its costs" python3 -c "
import json, sys
j = json.load(open(sys.argv[1]))
sys.exit(not 0.70 <= j['optimal_retention'] <= 0.95)" "$tmp/c.json"
"$cli" --db "$tmp/a.db" --at $at export --format json -o "$tmp/after.json"
check "optimize changes nothing in the collection" cmp "$tmp/before.json" "$tmp/after.json"
"$cli" --db "$tmp/e.db" import "$fixtures/expert-go-interview-questions.md" >/dev/null
check "a collection without reviews: exit 1 and a clear message" sh -c \
  "! '$cli' --db '$tmp/e.db' optimize 2>'$tmp/err' && grep -q 'Too few reviews' '$tmp/err'"

# --apply and --undo
states () {
  python3 -c "
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for row in db.execute('SELECT * FROM card_state ORDER BY card_id'):
    print('|'.join(repr(v) for v in row))
for row in db.execute(\"SELECT * FROM settings WHERE key LIKE 'fsrs%' ORDER BY key\"):
    print('|'.join(row))" "$1"
}
states "$tmp/a.db" >"$tmp/states-before"
check "--apply with --csv is refused" sh -c \
  "! '$cli' --db '$tmp/a.db' optimize --apply --csv '$cases/medium.csv' 2>/dev/null"
check "--undo before any --apply: exit 1, nothing to undo" sh -c \
  "! '$cli' --db '$tmp/a.db' optimize --undo 2>'$tmp/err' && grep -q 'no change of the FSRS parameters to undo' '$tmp/err'"
"$cli" --db "$tmp/a.db" optimize --apply --json >"$tmp/applied.json"
check "--apply exits 0 and prints the fit" python3 -c "
import json, sys
sys.exit(len(json.load(open(sys.argv[1]))['parameters']) != 21)" "$tmp/applied.json"
states "$tmp/a.db" >"$tmp/states-applied"
check "--apply stores the fitted parameters" python3 -c "
import json, sqlite3, sys
w = json.load(open(sys.argv[1]))['parameters']
v = sqlite3.connect(sys.argv[2]).execute(\"SELECT value FROM settings WHERE key = 'fsrs-weights'\").fetchone()[0]
sys.exit(any(abs(float(a) - b) > 1e-12 for a, b in zip(v.split(','), w)))" "$tmp/applied.json" "$tmp/a.db"
check "--apply moves due dates" python3 -c "
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
moved = db.execute('SELECT count(*) FROM card_state s JOIN card_state_before_weights k USING (card_id)'
                   ' WHERE s.due_day != k.due_day').fetchone()[0]
sys.exit(moved < 10)" "$tmp/a.db"
check "a second optimize says the parameters in use" sh -c \
  "'$cli' --db '$tmp/a.db' optimize | grep -q '^The parameters in use: log loss'"
"$cli" --db "$tmp/a.db" optimize --undo >"$tmp/undo.out"
check "--undo says what came back" grep -q "^The FSRS parameters before are back, and 200 cards" "$tmp/undo.out"
states "$tmp/a.db" >"$tmp/states-undone"
check "--undo restores every card's state and the settings exactly" \
  cmp "$tmp/states-before" "$tmp/states-undone"
