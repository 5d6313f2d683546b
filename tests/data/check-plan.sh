#!/bin/sh
# engram-cli plan: interview-date mode on the shipped deck (245 new cards),
# at a fixed time (TZ=UTC).  Figures are checked against what the rules
# give when recomputed here (dates, the pacing), and the text against the
# JSON; bad input is refused and changes nothing.
#   check-plan.sh ENGRAM_CLI DECK
set -u
cli=$1 deck=$2
. "$(dirname "$0")/tap.sh"
db="$tmp/c.db"
at=2026-12-05T10:00:00Z
cli () { "$cli" --db "$db" --at "$at" "$@"; }

# holds EXPRESSION: true over the plan p (plan.json) and the text t (plan.txt)
cat >"$tmp/holds.py" <<'PY'
import datetime, json, math, sys
p = json.load(open(sys.argv[1]))
t = open(sys.argv[2]).read()
d = lambda s: datetime.date.fromisoformat(s)
value = eval(sys.argv[3])
if value is not True:
    print("%s: %r" % (sys.argv[3], value))
    sys.exit(1)
PY
holds () {  # holds DESCRIPTION EXPRESSION
  check "$1" python3 "$tmp/holds.py" "$tmp/plan.json" "$tmp/plan.txt" "$2"
}

echo "1..23"
"$cli" --db "$db" import "$deck" >/dev/null
cli settings new-per-day 5 >/dev/null

check "plan without a date says so" sh -c \
  "'$cli' --db '$db' plan | grep -q 'No interview date is set'"
check "plan --date sets the plan and prints it" sh -c \
  "'$cli' --db '$db' --at $at plan --date 2026-12-19 >'$tmp/plan.txt'"
cli plan --json >"$tmp/plan.json"
holds "the plan's date and days left" \
  'p["date"] == "2026-12-19" and p["today"] == "2026-12-05" and p["days_left"] == (d("2026-12-19") - d("2026-12-05")).days'
holds "the scope: the whole deck, every card new" \
  'p["scope_cards"] == 245 and p["scope_new"] == 245 and p["deck"] is None and p["sections"] == []'
holds "the last day to introduce a card is the date minus the lead time" \
  'd(p["last_intro_date"]) == d(p["date"]) - datetime.timedelta(days=p["lead_days"]) and 0 < p["lead_days"] <= p["target_stability"]'
holds "one row per day up to the date" \
  '[x["date"] for x in p["days"]] == [str(d(p["today"]) + datetime.timedelta(days=i)) for i in range(p["days_left"] + 1)]'
holds "pacing: the first day takes the 245 cards spread over the days up to the last one" \
  'p["days"][0]["new_cards"] == math.ceil(245 / ((d(p["last_intro_date"]) - d(p["today"])).days + 1)) > 5'
holds "pacing: every card introduced by the last day, none after" \
  'sum(x["new_cards"] for x in p["days"] if d(x["date"]) <= d(p["last_intro_date"])) == 245 and all(x["new_cards"] == 0 for x in p["days"] if d(x["date"]) > d(p["last_intro_date"]))'
holds "the expected recall on the date is the last day's" \
  'p["expected_recall"] == p["days"][-1]["recall"] and 0.5 < p["expected_recall"] <= 1'
holds "the expected recall rises while cards are introduced" \
  'all(a["recall"] < b["recall"] for a, b in zip(p["days"], p["days"][1:]) if b["new_cards"] > 0)'
holds "the text gives the expected recall on the date as a percentage" \
  '("Expected recall on 2026-12-19: %.0f %%" % (100 * p["expected_recall"])) in t'
holds "the text's table: date, new cards, expected reviews, recall" \
  '[l.split()[:3] for l in t.splitlines() if l[:4] == "2026"] == [[x["date"], str(x["new_cards"]), "%.0f" % x["reviews"]] for x in p["days"]]'
holds "in reach with 200 reviews a day: no warning" \
  'p["feasible"] and "Warning" not in t and p["needed_reviews_per_day"] <= 200'

# the study queue takes the plan's new cards today
check "due shows the plan's new cards for today" sh -c \
  "'$cli' --db '$db' --at $at due | grep -q 'Due today: $(python3 -c "import json; print(json.load(open('$tmp/plan.json'))['days'][0]['new_cards'])") new'"

# out of reach: a review budget below what the plan needs
cli settings reviews-per-day 5 >/dev/null
cli plan >"$tmp/plan.txt"
cli plan --json >"$tmp/plan.json"
holds "5 reviews a day: out of reach" 'not p["feasible"] and p["needed_reviews_per_day"] > 5'
holds "the warning names the budget that reaches it" \
  '"Warning: the goal is out of reach with 5 reviews a day." in t and ("It would take %d reviews a day" % p["needed_reviews_per_day"]) in t'
cli settings reviews-per-day 200 >/dev/null

# sections
section=$("$cli" --db "$db" list --sections | head -1 | cut -f1)
cli plan --date 2026-12-19 --sections "$section" --json >"$tmp/plan.json"
holds "sections restrict the scope" \
  'p["scope_cards"] == 20 and p["sections"] == ["'"$section"'"]'

# refusals change nothing
cp "$tmp/plan.json" "$tmp/before.json"
check "a bad date is refused" sh -c \
  "! '$cli' --db '$db' --at $at plan --date 2026-02-30 2>'$tmp/err' && grep -q 'YYYY-MM-DD' '$tmp/err'"
check "a date in the past is refused" sh -c \
  "! '$cli' --db '$db' --at $at plan --date 2026-12-04 2>'$tmp/err' && grep -q 'in the past' '$tmp/err'"
check "an unknown section is refused" sh -c \
  "! '$cli' --db '$db' --at $at plan --date 2026-12-19 --sections nope 2>'$tmp/err' && grep -q 'nope' '$tmp/err'"
cli plan --json >"$tmp/plan.json"
check "the refusals left the plan as it was" cmp "$tmp/before.json" "$tmp/plan.json"

check "plan --clear ends it" sh -c \
  "'$cli' --db '$db' plan --clear >/dev/null && '$cli' --db '$db' plan | grep -q 'No interview date is set'"
check "without the plan, the setting's new cards" sh -c \
  "'$cli' --db '$db' --at $at due | grep -q 'Due today: 5 new'"
