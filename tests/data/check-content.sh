#!/bin/sh
# The shipped deck (content/) is exactly what the importer and the Markdown
# exporter make of the damaged seed: regenerate it and compare.
#   check-content.sh ENGRAM_CLI SEED SHIPPED
set -u
cli=$1 seed=$2 shipped=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "1..3"
if "$cli" --db "$tmp/c.db" import "$seed" >"$tmp/report" 2>&1; then
  echo "ok 1 - the seed imports"
else
  echo "not ok 1 - the seed imports"; sed 's/^/# /' "$tmp/report"
fi

# the shipped deck's inline code is Go
"$cli" --db "$tmp/c.db" set-language expert-level-golang-interview-questions go
"$cli" --db "$tmp/c.db" export --format markdown -o "$tmp/deck.md"
if cmp -s "$tmp/deck.md" "$shipped"; then
  echo "ok 2 - content/ is the exported seed"
else
  echo "not ok 2 - content/ is the exported seed (regenerate it: see README)"
  diff "$shipped" "$tmp/deck.md" | head -20 | sed 's/^/# /'
fi

# and the shipped deck imports cleanly: no repair, no warnings
"$cli" --db "$tmp/d.db" import "$shipped" >"$tmp/report2" 2>&1
if grep -q '245 added' "$tmp/report2" && ! grep -q -e 'warning' -e 'repaired' "$tmp/report2"; then
  echo "ok 3 - the shipped deck is clean"
else
  echo "not ok 3 - the shipped deck is clean"; sed 's/^/# /' "$tmp/report2"
fi
