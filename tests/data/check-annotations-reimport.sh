#!/bin/sh
# Highlights survive a deck update: 20 cards of the shipped deck are
# highlighted through engram-cli, then a copy of the deck is imported in
# which those cards were edited just before or after the passage, inside it
# (a letter, a word), far from it (another paragraph of the answer, the
# Indepth part), or lost the passage (deleted, the answer rewritten).  Every
# highlight must sit on exactly the intended characters (quote and place)
# or be orphaned with its quote kept — never on other words.
#   check-annotations-reimport.sh ENGRAM_CLI DECK
set -u
cli=$1 deck=$2
. "$(dirname "$0")/tap.sh"
db="$tmp/c.db"

echo "1..29"
"$cli" --db "$db" import "$deck" >/dev/null 2>&1
"$cli" --db "$db" list >"$tmp/cards"

# The plan (one line per card: key, edit, passage, the passage after the
# edit or ORPHAN, how many code points the edit adds before the passage)
# and the edited copy of the deck.
python3 - "$deck" "$tmp/cards" "$tmp/plan.tsv" "$tmp/edited.md" <<'EOF'
import re
import sys

deck_path, cards_path, plan_path, edited_path = sys.argv[1:]
lines = open(deck_path, encoding='utf-8').read().split('\n')
keys = [line.split('\t')[0] for line in open(cards_path, encoding='utf-8').read().splitlines()]

# The cards in file order: the line of "### N." and the lines of the answer
# (up to the first "#### Part", "---" or next heading).
cards = []
for i, line in enumerate(lines):
    if re.match(r'^### \d+\. ', line):
        cards.append({'head': i})
for n, card in enumerate(cards):
    end = cards[n + 1]['head'] if n + 1 < len(cards) else len(lines)
    answer_end = end
    for j in range(card['head'] + 1, end):
        if lines[j].startswith('#') or lines[j].strip() == '---':
            answer_end = j
            break
    card['answer'] = list(range(card['head'] + 1, answer_end))
    card['indepth'] = [j for j in range(answer_end, end)
                       if lines[j].strip() and not lines[j].startswith('#')
                       and lines[j].strip() != '---']
assert len(cards) == len(keys), (len(cards), len(keys))

def answer_text(card):
    return '\n'.join(lines[j] for j in card['answer'])

# Plain prose: no character Markdown or the renderer would change
PLAIN = re.compile(r"^[A-Za-z0-9 ,.;:'()/-]+$")

def inner_word(words):
    """The longest word of 5 to 9 letters inside the passage (not its first or last)."""
    inner = [w for w in range(1, len(words) - 1)
             if words[w].isalpha() and 5 <= len(words[w]) <= 9]
    return max(inner, key=lambda w: len(words[w])) if inner else None

def find_passage(card):
    """A run of 6 to 9 words of one line of plain prose, unique in the answer."""
    in_code = False
    for j in card['answer']:
        line = lines[j]
        if line.startswith('```'):
            in_code = not in_code
            continue
        if in_code or not line or line[0] in '-*>|#0123456789 \t':
            continue
        for segment in re.split(r'["*_`\[\]<>&\\~|]', line):
            words = segment.split(' ')
            if len(words) < 11 or '  ' in segment:
                continue
            for count in (8, 7, 9, 6):
                passage = ' '.join(words[2:2 + count]).strip()
                if (40 <= len(passage) <= 70 and PLAIN.match(passage)
                        and answer_text(card).count(passage) == 1
                        and inner_word(passage.split(' ')) is not None):
                    return j, passage
    return None

EDITS = ['near-before', 'near-after', 'letter-inside', 'word-inside', 'far-line', 'far-part',
         'deleted', 'near-before', 'near-after', 'letter-inside', 'word-inside', 'far-line',
         'far-part', 'deleted', 'near-before', 'word-inside', 'far-line', 'deleted',
         'rewritten', 'letter-inside']
plan = []
n = 3
while len(plan) < len(EDITS) and n < len(cards):
    card = cards[n]
    n += 5
    found = find_passage(card)
    edit = EDITS[len(plan)]
    if found is None:
        continue
    j, passage = found
    others = [k for k in card['answer'] if k != j and lines[k].strip()
              and not lines[k].startswith('```')]
    if edit == 'far-line' and not others:
        continue
    if edit == 'far-part' and not card['indepth']:
        continue
    line = lines[j]
    words = passage.split(' ')
    inner = inner_word(words)
    expected, shift = passage, 0
    if edit == 'near-before':
        lines[j] = line.replace(passage, 'Indeed, ' + passage)
        shift = len('Indeed, ')
    elif edit == 'near-after':
        lines[j] = line.replace(passage, passage + ', to be precise,')
    elif edit == 'letter-inside':
        words[inner] = words[inner][:2] + words[inner][3:]
        expected = ' '.join(words)
        lines[j] = line.replace(passage, expected)
    elif edit == 'word-inside':
        words[inner] = 'certainly'
        expected = ' '.join(words)
        lines[j] = line.replace(passage, expected)
    elif edit == 'far-line':
        k = others[0]
        lines[k] = lines[k] + ' This sentence was added far from the passage.'
        if k < j:
            shift = len(' This sentence was added far from the passage.')
    elif edit == 'far-part':
        k = card['indepth'][-1]
        lines[k] = lines[k] + ' A sentence added to the part.'
    elif edit == 'deleted':
        lines[j] = line.replace(passage, '')
        expected = 'ORPHAN'
    elif edit == 'rewritten':
        for k in card['answer']:
            lines[k] = ''
        lines[card['answer'][0]] = ('This answer was written again from scratch; '
                                    'none of its former sentences is left.')
        expected = 'ORPHAN'
    if expected != 'ORPHAN':
        assert answer_text(card).count(expected) == 1, (keys[cards.index(card)], expected)
    plan.append((keys[cards.index(card)], edit, passage, expected, shift))

assert len(plan) == len(EDITS), 'only %d cards with a passage' % len(plan)
with open(plan_path, 'w', encoding='utf-8') as out:
    for row in plan:
        out.write('\t'.join(str(x) for x in row) + '\n')
open(edited_path, 'w', encoding='utf-8').write('\n'.join(lines))
EOF
if [ $? -ne 0 ]; then
  echo "Bail out! could not make the edited copy of the deck"
  exit 1
fi
check "the plan has 20 cards, each with its edit" test "$(wc -l <"$tmp/plan.tsv")" -eq 20

# highlight each passage through the CLI, the quote as the card shows it
added=0
while IFS='	' read -r key edit passage expected shift; do
  if "$cli" --db "$db" highlight add "$key" --quote "$passage" --comment "$edit" \
       >>"$tmp/ids" 2>>"$tmp/add-errors"; then
    added=$((added + 1))
  fi
done <"$tmp/plan.tsv"
check "20 highlights added" test "$added" -eq 20
"$cli" --db "$db" annotations list --json >"$tmp/before.json"

"$cli" --db "$db" import "$tmp/edited.md" >"$tmp/import" 2>&1
check "the edited deck imports, 20 cards updated" \
  grep -q '245 cards: 0 added, 20 updated, 225 unchanged, 0 removed' "$tmp/import"
check "the import report counts 16 highlights placed again and 4 orphaned" \
  grep -q '16 highlights placed again, 4 orphaned' "$tmp/import"
"$cli" --db "$db" annotations list --json >"$tmp/after.json"

# one line per card: where its highlight was, where it is, where it should be
python3 - "$tmp/plan.tsv" "$tmp/before.json" "$tmp/after.json" >"$tmp/verdicts" <<'EOF'
import json
import sys

plan = [line.split('\t') for line in open(sys.argv[1], encoding='utf-8').read().splitlines()]
before = {a['card']: a for a in json.load(open(sys.argv[2]))}
after = {a['card']: a for a in json.load(open(sys.argv[3]))}
for key, edit, passage, expected, shift in plan:
    old, new = before.get(key), after.get(key)
    if old is None or new is None:
        print('FAIL %s %s: the highlight is missing' % (key, edit))
        continue
    if expected == 'ORPHAN':
        good = (new['orphaned'] is True and new['quote'] == passage and new['id'] == old['id']
                and new['comment'] == edit)
        want = 'orphaned, its quote and comment kept'
    else:
        start = old['start'] + int(shift)
        good = (new['orphaned'] is False and new['quote'] == expected
                and (new['start'], new['end']) == (start, start + len(expected))
                and new['comment'] == edit)
        want = '%r at [%d, %d)' % (expected, start, start + len(expected))
    print('%s %s %s: wanted %s, got %r at [%s, %s)%s' %
          ('ok' if good else 'FAIL', key, edit, want, new['quote'], new['start'], new['end'],
           ' orphaned' if new['orphaned'] else ''))
EOF
while IFS= read -r verdict; do
  check "${verdict#* }" test "${verdict%% *}" = ok
done <"$tmp/verdicts"
check "a verdict for each of the 20 cards" test "$(wc -l <"$tmp/verdicts")" -eq 20

"$cli" --db "$db" annotations list --orphaned --json >"$tmp/orphans.json"
check "annotations list --orphaned lists exactly the deleted and rewritten passages" \
  python3 -c "
import json, sys
plan = [l.split('\t') for l in open(sys.argv[1], encoding='utf-8').read().splitlines()]
orphans = sorted(a['card'] for a in json.load(open(sys.argv[2])))
assert orphans == sorted(p[0] for p in plan if p[3] == 'ORPHAN'), orphans
" "$tmp/plan.tsv" "$tmp/orphans.json"

"$cli" --db "$db" annotations list --orphaned >"$tmp/orphans"
check "the table of orphans: a heading and 4 rows, each marked orphaned" \
  sh -c "test \$(wc -l <'$tmp/orphans') -eq 5 && test \$(grep -c ' (orphaned) “' '$tmp/orphans') -eq 4"
"$cli" --db "$db" annotations export --format markdown >"$tmp/export.md"
check "the Markdown export marks the 4 orphaned passages and keeps the 16 others" \
  sh -c "test \$(grep -c '^\*(orphaned: this passage is no longer in the card)\*$' '$tmp/export.md') -eq 4 &&
         test \$(grep -c '^> ' '$tmp/export.md') -eq 20"

# importing the same file again changes nothing
"$cli" --db "$db" import "$tmp/edited.md" >/dev/null 2>&1
"$cli" --db "$db" annotations list --json >"$tmp/again.json"
check "importing the edited deck again leaves every highlight as it was" \
  cmp "$tmp/after.json" "$tmp/again.json"
