#!/bin/sh
# engram-cli stats --json: the statistics the app shows, on a collection
# graded with known grades and durations at known times (TZ=UTC: a study
# day starts at 04:00 UTC); plain stats unchanged.
#   check-stats.sh ENGRAM_CLI DECK
set -u
cli=$1 deck=$2
. "$(dirname "$0")/tap.sh"
db="$tmp/c.db"

grade () {  # grade TIME RATING DURATION_MS
  "$cli" --db "$db" --at "$1" review --grade "$2" --duration "$3" >/dev/null
}

# holds.py STATS LOG EXPRESSION: the expression, over the stats object s and
# the review log (log --json) l, is true
cat >"$tmp/holds.py" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
l = json.load(open(sys.argv[2]))
today = [r for r in l if r["time"].startswith("2026-03-20T1")]
value = eval(sys.argv[3])
if value is not True:
    print("%s: %r" % (sys.argv[3], value))
    sys.exit(1)
PY
holds () {  # holds DESCRIPTION EXPRESSION
  check "$1" python3 "$tmp/holds.py" "$tmp/stats.json" "$tmp/log.json" "$2"
}

echo "1..37"
"$cli" --db "$db" import "$deck" >/dev/null
# two new cards a day: the review card due today comes second today
"$cli" --db "$db" settings new-per-day 2 >/dev/null
grade 2026-03-10T10:00:00Z 4 1000
grade 2026-03-18T10:00:00Z 3 1000
grade 2026-03-18T10:01:00Z 3 1000
grade 2026-03-19T10:00:00Z 3 1000
grade 2026-03-20T03:00:00Z 3 1000   # the study day of the 19th
grade 2026-03-20T10:00:00Z 3 2000
grade 2026-03-20T10:01:00Z 3 3000
grade 2026-03-20T10:02:00Z 1 4000
grade 2026-03-20T10:03:00Z 3 5000
"$cli" --db "$db" log --json >"$tmp/log.json"
"$cli" --db "$db" --at 2026-03-20T12:00:00Z stats --json >"$tmp/stats.json" 2>"$tmp/err"
check "stats --json succeeds and prints JSON" python3 -c \
  "import json, sys; json.load(open(sys.argv[1]))" "$tmp/stats.json"

holds "the object has its members" \
  'sorted(s) == ["cards", "distributions", "due", "due90", "history", "retention_by_month", "sections", "streak", "today"]'
holds "today has its members" \
  'sorted(s["today"]) == ["again", "again_rate", "date", "retention_passed", "retention_reviews", "reviews", "time_ms", "true_retention"]'
holds "today is the study day of the time given" 's["today"]["date"] == "2026-03-20"'
holds "today's reviews" 's["today"]["reviews"] == 4 == len(today)'
holds "today's time" 's["today"]["time_ms"] == 14000'
holds "today's again-rate" 's["today"]["again"] == 1 and s["today"]["again_rate"] == 0.25'
holds "true retention: the review card graded Good today" \
  's["today"]["retention_reviews"] == 1 and s["today"]["retention_passed"] == 1 and s["today"]["true_retention"] == 1'
holds "true retention counts today's reviews of review cards" \
  's["today"]["retention_reviews"] == len([r for r in today if r["state_before"] == "review"]) and s["today"]["retention_passed"] == len([r for r in today if r["state_before"] == "review" and r["rating"] > 1])'
holds "true retention is their share not rated Again, or null" \
  '(s["today"]["true_retention"] is None) == (s["today"]["retention_reviews"] == 0) and (s["today"]["retention_reviews"] == 0 or abs(s["today"]["true_retention"] - s["today"]["retention_passed"] / s["today"]["retention_reviews"]) < 1e-9)'
holds "due: 30 days from today" \
  'len(s["due"]) == 30 and s["due"][0]["date"] == "2026-03-20" and s["due"][29]["date"] == "2026-04-18"'
holds "due: days split into learning and review" \
  'all(sorted(d) == ["date", "learning", "review"] for d in s["due"])'
holds "due today: the (re)learning cards left" \
  's["due"][0]["learning"] == s["cards"]["learning"] + s["cards"]["relearning"]'
holds "due90: 90 days from today, 20 March to 17 June" \
  'len(s["due90"]) == 90 and s["due90"][0]["date"] == "2026-03-20" and s["due90"][89]["date"] == "2026-06-17"'
holds "due90: its first 30 days are due" 's["due90"][:30] == s["due"]'
holds "due90: every review card falls due within 90 days" \
  'sum(d["review"] for d in s["due90"]) == s["cards"]["review"] > 0 and sum(d["learning"] for d in s["due90"]) == s["cards"]["learning"] + s["cards"]["relearning"]'
holds "retention_by_month: April 2025 to March 2026" \
  '[m["month"] for m in s["retention_by_month"]] == ["2025-%02d" % i for i in range(4, 13)] + ["2026-01", "2026-02", "2026-03"] and all(sorted(m) == ["month", "passed", "reviews", "true_retention"] for m in s["retention_by_month"])'
holds "retention_by_month: March has the review card graded Good today" \
  's["retention_by_month"][-1] == {"month": "2026-03", "reviews": 1, "passed": 1, "true_retention": 1}'
holds "retention_by_month: no other month has reviews, so null" \
  'all(m["reviews"] == 0 and m["passed"] == 0 and m["true_retention"] is None for m in s["retention_by_month"][:-1])'
holds "distributions: the five cards graded are studied" \
  'sorted(s["distributions"]) == ["difficulty", "retrievability", "stability", "studied"] and s["distributions"]["studied"] == 5 and all(sum(b["cards"] for b in s["distributions"][k]) == 5 for k in ("stability", "difficulty", "retrievability"))'
holds "distributions: stability buckets in days, the last open" \
  '[(b["from"], b["to"]) for b in s["distributions"]["stability"]] == [(0, 1), (1, 2), (2, 4), (4, 7), (7, 14), (14, 30), (30, 60), (60, 120), (120, 365), (365, None)]'
holds "distributions: difficulty 1 to 10 by one, retrievability 0 to 1 by a tenth" \
  '[(b["from"], b["to"]) for b in s["distributions"]["difficulty"]] == [(i, i + 1) for i in range(1, 10)] and [round(b["from"], 6) for b in s["distributions"]["retrievability"]] == [i / 10 for i in range(10)] and s["distributions"]["retrievability"][-1]["to"] == 1'
holds "distributions: the cards graded at most ten days ago are recalled at 0.5 or more" \
  'sum(b["cards"] for b in s["distributions"]["retrievability"][5:]) == 5'
holds "sections: every section of the deck, its members" \
  'len(s["sections"]) > 1 and sum(x["cards"] for x in s["sections"]) == 245 and all(sorted(x) == ["cards", "heading", "key", "mastery", "mature", "mature_share"] for x in s["sections"])'
holds "sections: one mature card, the one learnt Easy on 10 March and graded Good on its review today" \
  'sum(x["mature"] for x in s["sections"]) == 1 == len([r for r in {r["card"]: r for r in sorted(l, key=lambda r: r["time"])}.values() if r["scheduled_days"] >= 21]) and [x["mature_share"] for x in s["sections"] if x["mature"]] == [1 / 20]'
holds "sections: mastery in [0, 1], 0 where nothing was studied" \
  'all(0 <= x["mastery"] <= 1 for x in s["sections"]) and sum(x["mastery"] > 0 for x in s["sections"]) >= 1 and sum(x["mastery"] * x["cards"] for x in s["sections"]) <= 5'
holds "history: 365 days, today last" \
  'len(s["history"]) == 365 and s["history"][-1]["date"] == "2026-03-20" and s["history"][0]["date"] == "2025-03-21"'
holds "history: the reviews of each study day" \
  '[d["reviews"] for d in s["history"][-11:]] == [1, 0, 0, 0, 0, 0, 0, 0, 2, 2, 4]'
holds "history: every review of the log" 'sum(d["reviews"] for d in s["history"]) == len(l) == 9'
holds "the streak: three days" 's["streak"] == 3'
holds "cards by state: the five cards graded are no longer new" \
  's["cards"]["new"] == 240 == 245 - len(set(r["card"] for r in l)) and sum(s["cards"].values()) == 245 and s["cards"]["suspended"] == 0'

"$cli" --db "$db" --at 2026-03-22T12:00:00Z stats --json >"$tmp/stats.json"
holds "a day without reviews ends the streak" \
  's["streak"] == 0 and s["today"]["reviews"] == 0 and s["today"]["again_rate"] is None and s["today"]["true_retention"] is None'

"$cli" --db "$db" --at 2026-03-20T12:00:00Z stats --json --deck expert-level-golang-interview-questions >"$tmp/stats.json"
holds "--deck: the deck has every review" 's["today"]["reviews"] == 4 and s["streak"] == 3'

"$cli" --db "$db" --at 2026-03-20T12:00:00Z stats --json --section 21 >"$tmp/stats.json"
holds "--section: only its cards, never studied" \
  '[x["key"] for x in s["sections"]] == ["21"] and s["sections"][0]["cards"] == 20 and s["sections"][0]["mastery"] == 0 and s["today"]["reviews"] == 0 and s["streak"] == 0 and s["cards"]["new"] == 20 and sum(s["cards"].values()) == 20 and all(d["reviews"] == 0 for d in s["history"])'

check "--deck refuses a deck that does not exist" sh -c \
  "if '$cli' --db '$db' stats --json --deck nosuch 2>'$tmp/e'; then exit 1; fi; grep -q 'No deck “nosuch”' '$tmp/e'"
check "--section goes with --json" sh -c \
  "if '$cli' --db '$db' stats --section 21 2>'$tmp/e'; then exit 1; fi; grep -q 'go with --json' '$tmp/e'"
"$cli" --db "$db" stats >"$tmp/plain"
check "plain stats is unchanged" \
  grep -q '^Cards:       245 (new [0-9]*, learning [0-9]*, review [0-9]*, relearning [0-9]*)$' "$tmp/plain"
