#!/bin/sh
# engram-cli highlight add, note set|show, annotations list|delete|export:
# output, errors and exit codes, and that a refused command changes nothing.
#   check-annotations.sh ENGRAM_CLI DECK
set -u
cli=$1 deck=$2
. "$(dirname "$0")/tap.sh"
db="$tmp/c.db"
at="--at 2026-12-01T09:00:00Z"

echo "1..109"
"$cli" --db "$db" import "$deck" >/dev/null 2>&1

cli () {  # the CLI on the test's collection, at a fixed time
  "$cli" --db "$db" $at "$@"
}

# refused DESCRIPTION MESSAGE ARGS...: exit 1, MESSAGE on standard error,
# nothing on standard output, the annotations unchanged
refused () {
  what=$1 message=$2; shift 2
  cli annotations list --json >"$tmp/before"
  cli "$@" >"$tmp/refused-out" 2>"$tmp/refused-err"
  status=$?
  check "$what: exit 1" test $status -eq 1
  check "$what: says so" grep -qF -- "$message" "$tmp/refused-err"
  cli annotations list --json >"$tmp/after"
  check "$what: nothing printed, nothing changed" \
    sh -c "test ! -s '$tmp/refused-out' && cmp -s '$tmp/before' '$tmp/after'"
}

json () {  # json PYTHON-EXPRESSION: true when it holds of the list as L
  cli annotations list --json >"$tmp/list.json" &&
  python3 -c "import json, sys; L = json.load(open(sys.argv[1])); sys.exit(0 if ($1) else 1)" \
    "$tmp/list.json"
}

# --- highlight add ---------------------------------------------------------
cli highlight add 16/301 --quote "Work Stealing" --comment "steal half of another P's queue" \
  >"$tmp/id1" 2>"$tmp/err"
check "highlight add: exit 0, prints the new id" grep -qx '[0-9][0-9]*' "$tmp/id1"
check "highlight add: nothing on standard error" test ! -s "$tmp/err"
id1=$(cat "$tmp/id1")
check "the highlight is listed with its card, field, quote, comment and default colour" \
  json "[(a['id'], a['card'], a['kind'], a['field'], a['quote'], a['comment'], a['color'],
          a['orphaned']) for a in L]
        == [($id1, '16/301', 'highlight', 'answer', 'Work Stealing',
             \"steal half of another P's queue\", 'yellow', False)]"
check "times are ISO 8601 UTC" \
  json "L[0]['created'] == L[0]['modified'] == '2026-12-01T09:00:00.000Z'"
check "start and end count code points of the rendered answer" \
  json "L[0]['end'] - L[0]['start'] == len('Work Stealing')"

refused "a quote that is not there" "“Work Stealer” was not found in the answer of card 16/301" \
  highlight add 16/301 --quote "Work Stealer"
refused "a quote in Markdown syntax (the rendered text has no **)" \
  "was not found in the answer of card 16/301" highlight add 16/301 --quote "**Work Stealing**"
refused "an ambiguous quote" \
  "“Processor” occurs 3 times in the answer of card 16/301; pass --occurrence N (1 to 3)" \
  highlight add 16/301 --quote "Processor"
refused "--occurrence past the last" "--occurrence 4, but “Processor” occurs only 3 times" \
  highlight add 16/301 --quote "Processor" --occurrence 4
refused "--occurrence 0" "--occurrence counts from 1" \
  highlight add 16/301 --quote "Processor" --occurrence 0
refused "an unknown card" "No card “99/1”" highlight add 99/1 --quote "Processor"
refused "a colour that is not one" \
  "--color: “red” is not a highlight colour; use yellow, green, blue or pink" \
  highlight add 16/301 --quote "Work Stealing" --color red
refused "a field the card does not have" \
  "card 16/301 has no field “part:Examples”; its fields are question, answer, part:Indepth" \
  highlight add 16/301 --quote "Processor" --field part:Examples
refused "a field that is no field" "has no field “body”" \
  highlight add 16/301 --quote "Processor" --field body
refused "no --quote" "--quote TEXT says which passage" highlight add 16/301
refused "no card" "name one card" highlight add --quote "Processor"
refused "another subcommand" "say add CARD_KEY --quote TEXT" highlight remove 16/301

cli highlight add 16/301 --quote "Processor" --occurrence 2 --color green >"$tmp/id2" 2>&1
check "--occurrence 2 of an ambiguous quote: exit 0" grep -qx '[0-9][0-9]*' "$tmp/id2"
id2=$(cat "$tmp/id2")
cli annotations list --json >"$tmp/list.json"
check "... placed on the second occurrence (the third is further on)" \
  python3 -c "
import json, sys
L = json.load(open(sys.argv[1]))
first = [a for a in L if a['quote'] == 'Work Stealing'][0]
second = [a for a in L if a['id'] == $id2][0]
assert second['color'] == 'green' and second['comment'] is None
# 'Each Processor (P)' comes after 'Work Stealing', 'If a Processor' after that
assert second['start'] > first['end'] + len('. Each Processor'), second
" "$tmp/list.json"

cli highlight add 36/716 --field question --quote "non-preemptible" --color pink >"$tmp/id3" 2>&1
check "a highlight in the question" grep -qx '[0-9][0-9]*' "$tmp/id3"
check "... its start counts code points (the ’ and “ before it are one each)" \
  json "[(a['field'], a['start'], a['end']) for a in L if a['card'] == '36/716']
        == [('question', len('What’s the meaning of “'), len('What’s the meaning of “non-preemptible'))]"
cli highlight add 16/301 --field part:Indepth --quote "(>10ms)" --comment "since Go 1.14" \
  --color blue >"$tmp/id4" 2>&1
check "a highlight in a named part" grep -qx '[0-9][0-9]*' "$tmp/id4"
id4=$(cat "$tmp/id4")

# --- notes -------------------------------------------------------------------
cli note set 16/301 "Ask about **GOMAXPROCS** and the runqueue" >"$tmp/out" 2>&1
check "note set: exit 0" test $? -eq 0
cli note show 16/301 >"$tmp/note" 2>&1
check "note show prints the note's Markdown" \
  test "$(cat "$tmp/note")" = "Ask about **GOMAXPROCS** and the runqueue"
cli note set 16/301 "Ask about **GOMAXPROCS**" >/dev/null 2>&1
cli note show 16/301 >"$tmp/note" 2>&1
check "note set again replaces it" test "$(cat "$tmp/note")" = "Ask about **GOMAXPROCS**"
check "one note per card" json "len([a for a in L if a['kind'] == 'note']) == 1"
check "a note is listed with its text as comment, no field, quote or colour" \
  json "[(a['card'], a['field'], a['quote'], a['comment'], a['color'], a['orphaned'])
         for a in L if a['kind'] == 'note']
        == [('16/301', None, None, 'Ask about **GOMAXPROCS**', None, False)]"
refused "note show of a card without a note" "card 16/302 has no note" note show 16/302
refused "note set on an unknown card" "No card “99/1”" note set 99/1 "text"
printf 'From *standard input*\n\nsecond paragraph\n' | cli note set 21/401 - >/dev/null 2>&1
cli note show 21/401 >"$tmp/note" 2>&1
check "note set KEY - reads the note from the standard input" \
  grep -qx 'second paragraph' "$tmp/note"

# --- search finds comments and notes ---------------------------------------------
"$cli" --db "$db" search runqueue >"$tmp/search" 2>&1
check "a word only in a replaced note is not found any more" test ! -s "$tmp/search"
"$cli" --db "$db" search GOMAXPROCS has:note >"$tmp/search" 2>&1
check "a word of a note finds its card (has:note too)" grep -qx '16/301' "$tmp/search"
"$cli" --db "$db" search "1.14" has:highlight >"$tmp/search" 2>&1
check "a word of a comment finds its card" grep -qx '16/301' "$tmp/search"

# --- annotations list ------------------------------------------------------------
cli annotations list >"$tmp/table" 2>&1
check "list: a table with a heading line" grep -q '^ID  *CARD  *KIND  *FIELD  *COLOUR  *TEXT$' "$tmp/table"
check "list: a highlight's row has its field, colour, quote and comment" \
  grep -q "^$id1  *16/301  *highlight  *answer  *yellow  *“Work Stealing” — steal half" "$tmp/table"
check "list: a note's row" grep -q "  note  *-  *-  *Ask about \*\*GOMAXPROCS\*\*$" "$tmp/table"
check "list: one line per annotation and the heading" test "$(wc -l <"$tmp/table")" -eq 7
check "list: card by card in deck order, highlights by field then place, notes last" \
  json "[(a['card'], a['kind'], a['field']) for a in L]
        == [('16/301', 'highlight', 'answer'), ('16/301', 'highlight', 'answer'),
            ('16/301', 'highlight', 'part:Indepth'), ('16/301', 'note', None),
            ('21/401', 'note', None), ('36/716', 'highlight', 'question')]"
check "list --json: exactly the documented members" \
  json "all(sorted(a) == sorted(['id', 'card', 'kind', 'field', 'quote', 'comment', 'color',
                                'orphaned', 'start', 'end', 'created', 'modified']) for a in L)"
cli annotations list --card 36/716 --json >"$tmp/card.json" 2>&1
check "list --card: only that card's" \
  python3 -c "import json, sys; L = json.load(open(sys.argv[1])); assert [a['card'] for a in L] == ['36/716']" \
  "$tmp/card.json"
cli annotations list --orphaned --json >"$tmp/orphans.json" 2>&1
check "list --orphaned: none yet, an empty array" \
  python3 -c "import json, sys; assert json.load(open(sys.argv[1])) == []" "$tmp/orphans.json"
cli annotations list --card 16/302 >"$tmp/none" 2>"$tmp/none-err"
check "list of a card without annotations: exit 0, says so on standard error" \
  sh -c "test ! -s '$tmp/none' && grep -q 'no highlights or notes on card 16/302' '$tmp/none-err'"
refused "list --card of an unknown card" "No card “99/1”" annotations list --card 99/1

# --- annotations export ---------------------------------------------------------------
cli annotations export --format markdown >"$tmp/export.md" 2>"$tmp/err"
check "export: exit 0" test $? -eq 0
check "export: the deck's title" grep -qx '## Expert Level Golang Interview Questions' "$tmp/export.md"
check "export: the section headings" \
  sh -c "grep -qx '### 🟢 \*\*301–320: Go Internals and Runtime\*\*' '$tmp/export.md' &&
         grep -qx '### ⚙️ \*\*701–720: Go Internals & Runtime\*\*' '$tmp/export.md'"
check "export: each card's number and question" \
  grep -qx '#### 301. How does the Go scheduler work?' "$tmp/export.md"
check "export: a quoted passage, its comment on the next paragraph" \
  sh -c "grep -A2 -x '> Work Stealing' '$tmp/export.md' | grep -qx \"steal half of another P's queue\""
check "export: a quote keeps its text as text (> escaped)" \
  grep -qx '> (\\>10ms)' "$tmp/export.md"
check "export: a passage of a part says where it is" grep -qx '\*(in “Indepth”)\*' "$tmp/export.md"
check "export: a passage of the question says so" grep -qx '\*(in the question)\*' "$tmp/export.md"
check "export: the note after the card's highlights" \
  sh -c "grep -A2 -x '\*\*Note\*\*' '$tmp/export.md' | grep -qx 'Ask about \*\*GOMAXPROCS\*\*'"
check "export: grouped in deck order (section 16, 21, then 36; 301's passages before its note)" \
  python3 -c "
import sys
t = open(sys.argv[1]).read()
order = ['#### 301.', '> Work Stealing', '> Processor', '> (\\\\>10ms)', 'Ask about **GOMAXPROCS**',
         '#### 401.', 'From *standard input*', '#### 716.']
at = [t.index(s) for s in order]
assert at == sorted(at), at
assert t.count('### 🟢') == 1 and t.count('#### 301.') == 1
" "$tmp/export.md"
cli annotations export --format markdown -o "$tmp/a.md" >"$tmp/out" 2>&1
check "export -o FILE writes what the standard output gets" cmp "$tmp/a.md" "$tmp/export.md"
before=$(sha256sum <"$db")
refused "export -o onto the collection" "will not write over the open collection" \
  annotations export --format markdown -o "$db"
check "... the collection's bytes are unchanged" test "$before" = "$(sha256sum <"$db")"
refused "export --format json" "--format must be markdown" annotations export --format json

# --- annotations delete ---------------------------------------------------------------
cli annotations delete "$id4" >"$tmp/deleted" 2>&1
check "delete: exit 0, says what it deleted" \
  grep -qx "Deleted the highlight $id4 of card 16/301" "$tmp/deleted"
check "delete: no longer listed" json "$id4 not in [a['id'] for a in L] and len(L) == 5"
refused "delete of a deleted id" "there is no annotation $id4" annotations delete "$id4"
refused "delete of an unknown id" "there is no annotation 999" annotations delete 999
refused "delete of something that is no id" "“x1” is not an annotation's id" annotations delete x1

cli note set 16/301 "" >"$tmp/out" 2>&1
check "note set KEY '' deletes the note" json "[a for a in L if a['kind'] == 'note'] != [] and
  '16/301' not in [a['card'] for a in L if a['kind'] == 'note']"
cli note show 16/301 >/dev/null 2>&1
check "... note show then exits 1" test $? -eq 1

# --- white space in a quote -------------------------------------------------------------
cli highlight add 36/716 --quote "  cannot pause. In older Go " >"$tmp/id5" 2>&1
check "a space in a quote matches a line break; spaces around it are dropped" \
  grep -qx '[0-9][0-9]*' "$tmp/id5"
check "... the highlight covers the break as the card shows it" \
  json "[a['quote'] for a in L if a['card'] == '36/716' and a['field'] == 'answer']
        == ['cannot pause.\nIn older Go']"
refused "a quote of white space only" "--quote TEXT says which passage" \
  highlight add 16/301 --quote "  "
