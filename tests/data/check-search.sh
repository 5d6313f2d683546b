#!/bin/sh
# engram-cli search end to end: results, --json, --sort, errors.
#   check-search.sh ENGRAM_CLI FIXTURES
set -u
cli=$1 fixtures=$2
. "$(dirname "$0")/tap.sh"
db="$tmp/t.db"

echo "1..18"
"$cli" --db "$db" import "$fixtures/expert-go-interview-questions.md" >/dev/null 2>&1

"$cli" --db "$db" search 'escape analysis' >"$tmp/escape" 2>"$tmp/escape-err"
status=$?
check "search 'escape analysis' exits 0 and prints nothing on stderr" \
  sh -c "test $status -eq 0 && ! test -s '$tmp/escape-err'"
check "search 'escape analysis' lists 16/314" grep -qx '16/314' "$tmp/escape"

every_key_has_phrase () {
  test -s "$tmp/escape" || return 1
  while read -r key; do
    "$cli" --db "$db" show "$key" | grep -qi 'escape analysis' || { echo "$key"; return 1; }
  done <"$tmp/escape"
}
check "every card it lists has the phrase in its text" every_key_has_phrase

"$cli" --db "$db" search '"escape analysis"' >"$tmp/phrase"
check "the phrase finds the same cards" cmp "$tmp/escape" "$tmp/phrase"
"$cli" --db "$db" search escape analysis >"$tmp/words"
check "several arguments are one query" cmp "$tmp/escape" "$tmp/words"

"$cli" --db "$db" search --json 'escape analysis' >"$tmp/json"
check "--json is an array of {key, question}" python3 -c '
import json, sys
cards = json.load(open(sys.argv[1]))
keys = [line.strip() for line in open(sys.argv[2])]
assert [c["key"] for c in cards] == keys, cards
assert all(set(c) == {"key", "question"} and c["question"] for c in cards), cards
' "$tmp/json" "$tmp/escape"

"$cli" --db "$db" search 'section:36' >"$tmp/section"
check "section:36 lists its 20 cards" test "$(wc -l <"$tmp/section")" -eq 20
check "section:\"Go Internals\" finds sections 16 and 36" \
  sh -c "'$cli' --db '$db' search 'section:\"go internals\"' | cut -d/ -f1 | uniq | tr '\n' ' ' | grep -qx '16 36 '"
others=$((245 - $("$cli" --db "$db" search escape | wc -l)))
check "a query can start with -" \
  test "$("$cli" --db "$db" search -escape | wc -l)" -eq $others
check "also after --" \
  test "$("$cli" --db "$db" search -- -escape | wc -l)" -eq $others
check "is:new lists every card" sh -c "test \"\$('$cli' --db '$db' search is:new | wc -l)\" -eq 245"

"$cli" --db "$db" search --sort question 'section:36' >"$tmp/sorted"
"$cli" --db "$db" search --sort question --desc 'section:36' >"$tmp/reversed"
check "--sort question --desc reverses --sort question" \
  sh -c "tac '$tmp/reversed' | cmp -s - '$tmp/sorted'"
"$cli" --db "$db" search --json --sort question 'section:36' >"$tmp/sorted.json"
check "--sort question orders the questions, case aside" python3 -c '
import json, sys
questions = [c["question"].lower() for c in json.load(open(sys.argv[1]))]
assert len(questions) == 20 and questions == sorted(questions), questions
' "$tmp/sorted.json"

# errors: exit 1, the message on stderr, nothing on stdout
"$cli" --db "$db" search 'foo:bar' >"$tmp/bad-out" 2>"$tmp/bad-err"
status=$?
check "a bad query exits 1" test $status -eq 1
check "the message names the filter and its column" \
  grep -q 'Unknown filter “foo:” at column 1' "$tmp/bad-err"
check "nothing on stdout" sh -c "! test -s '$tmp/bad-out'"
check "an unknown sort column exits 1" \
  sh -c "! '$cli' --db '$db' search --sort nonsense x 2>/dev/null"

before=$("$cli" --db "$db" stats)
"$cli" --db "$db" search "'; DROP TABLE cards; --" >/dev/null 2>&1
"$cli" --db "$db" search 'section:"x"; DELETE FROM cards' >/dev/null 2>&1
check "SQL in a query is text" sh -c "test \"\$('$cli' --db '$db' stats)\" = '$before'"
