#!/bin/sh
# engram-cli end to end: commands, output and exit codes.
#   check-cli.sh ENGRAM_CLI FIXTURES
set -u
cli=$1 fixtures=$2
. "$(dirname "$0")/tap.sh"
db="$tmp/t.db"

echo "1..26"
"$cli" --db "$db" import "$fixtures/expert-go-interview-questions.md" >"$tmp/first" 2>&1
check "first import adds 12 sections and 245 cards" \
  grep -q '12 sections, 245 cards: 245 added, 0 updated, 0 unchanged, 0 removed' "$tmp/first"
"$cli" import --db "$db" "$fixtures/expert-go-interview-questions.md" >"$tmp/second" 2>&1
check "second import (--db after the command) adds nothing" \
  grep -q '245 cards: 0 added, 0 updated, 245 unchanged, 0 removed' "$tmp/second"
check "warnings name their lines" grep -q 'warning: line 1407: ' "$tmp/first"

"$cli" --db "$db" list --sections >"$tmp/sections"
check "list --sections shows 12 sections" test "$(wc -l <"$tmp/sections")" -eq 12
check "section headings keep their emoji" grep -q '^36	20 cards	⚙️ 701–720: Go Internals & Runtime$' "$tmp/sections"
"$cli" --db "$db" list --section 52 >"$tmp/cards"
check "list --section 52 shows its 25 cards" test "$(wc -l <"$tmp/cards")" -eq 25
check "questions are plain text" grep -q '^52/1028	Tricky Snippet: What is the output of fmt.Println(s)' "$tmp/cards"

"$cli" --db "$db" show 36/716 >"$tmp/show"
check "show prints the repaired question" grep -q '^### 716. What’s the meaning of “non-preemptible” code in Go?$' "$tmp/show"

"$cli" --db "$db" export --format json -o "$tmp/e.json"
check "json export has card 716 of section 36" \
  grep -q '"question" : "What’s the meaning of “non-preemptible” code in Go?"' "$tmp/e.json"
"$cli" --db "$db" export --format markdown >"$tmp/e.md"
check "markdown export to stdout" grep -q '^# ⚙️ \*\*701–720: Go Internals & Runtime\*\*$' "$tmp/e.md"

"$cli" --help >"$tmp/help" 2>&1
check "--help lines up every command's summary, FILE… too" \
  sh -c "grep '^  [a-z-]* ' '$tmp/help' | python3 -c 'import sys; print(len({l.index(l.split(\"  \")[-1].strip()) for l in sys.stdin}))' | grep -qx 1"

"$cli" --db "$db" stats >"$tmp/stats"
check "stats counts cards" grep -q '^Cards: *245 (new 245' "$tmp/stats"

# errors: exit code 1, message on stderr naming the file, nothing written
printf '# D\n\n### 1. Caf\351?\nA.\n' >"$tmp/latin1.md"
before=$(cat "$db" "$db-wal" 2>/dev/null | sha256sum)
"$cli" --db "$db" import "$tmp/latin1.md" >"$tmp/out1" 2>"$tmp/err1"
status=$?
after=$(cat "$db" "$db-wal" 2>/dev/null | sha256sum)
check "bad encoding exits 1" test $status -eq 1
check "bad encoding names file and line on stderr" grep -q "latin1.md: line 3" "$tmp/err1"
check "bad encoding leaves the database unchanged" test "$before" = "$after"

"$cli" --db "$db" show 99/1 >/dev/null 2>"$tmp/err2"
check "unknown card exits 1 with a message" sh -c "! '$cli' --db '$db' show 99/1 2>/dev/null && grep -q 'No card' '$tmp/err2'"
check "unknown command exits 1" sh -c "! '$cli' frobnicate 2>/dev/null"

# studying in the terminal: Enter shows the answer, 3 grades Good, u undoes, q quits
at=2030-01-07T09:00:00Z
printf '\n3\n\n1\nu\nq\n' | "$cli" --db "$db" review --at $at >"$tmp/review" 2>&1
check "interactive review shows question, answer and the four intervals" \
  grep -q '1 Again (1m)  2 Hard (6m)  3 Good (10m)  4 Easy (8d)' "$tmp/review"
check "interactive review grades" grep -q '16/301 Good: new → learning' "$tmp/review"
check "u undoes the last grade, saying which" grep -q 'Undid grade Again on card 302.' "$tmp/review"
"$cli" --db "$db" log >"$tmp/log"
check "the log holds the one grade that was not undone" test "$(wc -l <"$tmp/log")" -eq 1
"$cli" --db "$db" due --at $at >"$tmp/due"
check "due counts what is left" grep -q '^Due today: 19 new, 1 learning, 0 review$' "$tmp/due"
# the learning card is due in 10 minutes: due today all the same, as is:due says
"$cli" --db "$db" search is:due --at $at >"$tmp/is-due"
check "is:due finds the 20 cards due counts" test "$(wc -l <"$tmp/is-due")" -eq 20
"$cli" --db "$db" forecast --days 3 --at $at >"$tmp/forecast"
check "forecast prints one line per day" test "$(wc -l <"$tmp/forecast")" -eq 3
check "the learning card is due today" grep -q '^2030-01-07	1$' "$tmp/forecast"
"$cli" --db "$db" review --grade 7 >/dev/null 2>"$tmp/err3"
check "a grade out of range is refused" grep -q -- '--grade must be' "$tmp/err3"
