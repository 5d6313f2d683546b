#!/bin/sh
# engram-cli import of a deck the user has studied and edited: repeated card
# numbers keep their cards, conflicts are listed, --theirs takes the file's text.
#   check-import.sh ENGRAM_CLI
set -u
cli=$1
. "$(dirname "$0")/tap.sh"
db="$tmp/t.db"
at=2030-01-07T09:00:00Z

# An edit in the app, as eg_store_update_card() saves it: new text and its hash.
edit () {  # edit KEY QUESTION ANSWER (a card without parts)
  python3 - "$db" "$@" <<'PY'
import hashlib, sqlite3, sys
db, key, question, answer = sys.argv[1:]
digest = hashlib.sha256(question.encode() + b"\0" + answer.encode() + b"\0").hexdigest()
con = sqlite3.connect(db)
con.execute("UPDATE cards SET question = ?, answer = ?, content_hash = ? WHERE key = ?",
            (question, answer, digest, key))
con.commit()
PY
}
state () { cat "$db" "$db-wal" 2>/dev/null | sha256sum; }

echo "1..17"

# Two cards numbered 1: grading the first, then dropping it from the file
head='# Repeats\n\n## From 7 Repeats\n\n# Repeats\n\n'
a='### 1. First one?\nA.\n\n---\n\n'
b='### 1. Second one?\nB.\n\n---\n\n'
c='### 2. Two?\nC.\n'
printf "$head$a$b$c" >"$tmp/repeats.md"
"$cli" --db "$db" import "$tmp/repeats.md" >/dev/null 2>&1
"$cli" --db "$db" review --grade 3 --at $at >"$tmp/grade" 2>&1
check "the first card numbered 1 is graded" grep -q '^7/1 Good' "$tmp/grade"
printf "$head$b$c" >"$tmp/repeats.md"
"$cli" --db "$db" import "$tmp/repeats.md" >"$tmp/report" 2>&1
check "the card that left the file is reported by its own key" \
  grep -q 'not in the file any more (kept): 7/1$' "$tmp/report"
check "nothing was updated" grep -q '0 added, 0 updated, 2 unchanged, 1 removed' "$tmp/report"
"$cli" --db "$db" show 7/1-2 >"$tmp/show" 2>&1
check "the second card keeps its key, text and place in the file" \
  sh -c "grep -q '^### 1. Second one?$' '$tmp/show' && ! grep -q 'no longer in its deck file' '$tmp/show'"
check "the second card has no history" grep -q ', 0 reviews,' "$tmp/show"
"$cli" --db "$db" show 7/1 >"$tmp/show" 2>&1
check "the graded card keeps its text and history" \
  sh -c "grep -q '^### 1. First one?$' '$tmp/show' && grep -q ', 1 reviews,' '$tmp/show'"

# Three ways: kept edit, taken file text, conflict
head='# Cases\n\n## From 3 Cases\n\n# Cases\n\n'
printf "$head"'### 1. Kept?\nOne.\n\n---\n\n### 2. Taken?\nTwo.\n\n---\n\n### 3. Conflict?\nThree.\n' \
  >"$tmp/cases.md"
"$cli" --db "$db" import "$tmp/cases.md" >/dev/null 2>&1
edit 3/1 'Kept?' 'One, mine.'
edit 3/3 'Conflict, mine?' 'Three, mine.'
printf "$head"'### 1. Kept?\nOne.\n\n---\n\n### 2. Taken?\nTwo, file.\n\n---\n\n### 3. Conflict?\nThree, file.\n' \
  >"$tmp/cases.md"
"$cli" --db "$db" import "$tmp/cases.md" >"$tmp/report" 2>&1
check "the file's change to an unedited card is taken, the rest unchanged" \
  grep -q '3 cards: 0 added, 1 updated, 1 unchanged, 0 removed' "$tmp/report"
check "the conflict is listed with the card's question" \
  grep -q '^  conflict: 3/3	Conflict, mine?$' "$tmp/report"
"$cli" --db "$db" show 3/1 >"$tmp/show1" 2>&1
"$cli" --db "$db" show 3/3 >"$tmp/show3" 2>&1
check "an edit of a card the file did not change is kept" grep -q '^One, mine.$' "$tmp/show1"
check "in a conflict the user's text is kept" grep -q '^Three, mine.$' "$tmp/show3"

before=$(state)
"$cli" --db "$db" import --theirs 3/9 "$tmp/cases.md" >"$tmp/report" 2>"$tmp/err"
status=$?
check "--theirs with a card not in the file exits 1" test $status -eq 1
check "the message names the file and the card" \
  sh -c "grep -q 'cases.md: ' '$tmp/err' && grep -q '3/9' '$tmp/err'"
"$cli" --db "$db" import --dry-run --theirs 3/3 "$tmp/cases.md" >"$tmp/report" 2>&1
check "neither wrote anything" test "$before" = "$(state)"
check "a dry run with --theirs says it would take the file's text" \
  sh -c "grep -q '0 added, 1 updated, 2 unchanged' '$tmp/report' && ! grep -q conflict '$tmp/report'"

"$cli" --db "$db" import --theirs 3/3 "$tmp/cases.md" >"$tmp/report" 2>&1
"$cli" --db "$db" show 3/3 >"$tmp/show3" 2>&1
check "--theirs takes the file's text" \
  sh -c "grep -q '^### 3. Conflict?$' '$tmp/show3' && grep -q '^Three, file.$' '$tmp/show3'"
"$cli" --db "$db" import "$tmp/cases.md" >"$tmp/report" 2>&1
check "then the deck is unchanged and has no conflict" \
  sh -c "grep -q '0 added, 0 updated, 3 unchanged' '$tmp/report' && ! grep -q conflict '$tmp/report'"
check "--theirs with two files is refused" \
  sh -c "! '$cli' --db '$db' import --theirs 3/3 '$tmp/cases.md' '$tmp/repeats.md' 2>/dev/null"
