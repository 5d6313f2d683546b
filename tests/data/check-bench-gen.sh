#!/bin/sh
# engram-dev bench-gen: a synthetic collection for the benchmarks, which
# engram-cli can use; and the command is the development tool's, not the
# installed engram-cli's.
#   check-bench-gen.sh ENGRAM_DEV ENGRAM_CLI
set -u
dev=$1 cli=$2
. "$(dirname "$0")/tap.sh"
export XDG_DATA_HOME="$tmp/data"
at=2026-11-19T10:00:00Z

echo "1..12"

"$dev" bench-gen --cards 200 --reviews 2000 --seed 3 --at $at --db "$tmp/a.db" \
  >"$tmp/gen.out" 2>"$tmp/gen.err"
status=$?
check "bench-gen exits 0 with nothing on stderr" \
  sh -c "test $status -eq 0 && test ! -s '$tmp/gen.err'"
check "bench-gen reports what it made" \
  grep -q "a.db: 200 cards, 2000 reviews, 4 decks, 100 sections in " "$tmp/gen.out"
"$cli" --db "$tmp/a.db" stats >"$tmp/stats" 2>&1
check "engram-cli reads the collection: 200 cards" grep -q "^Cards: *200 " "$tmp/stats"
check "engram-cli reads the collection: 2000 reviews" grep -q "^Reviews: *2000$" "$tmp/stats"

"$dev" bench-gen --cards 200 --reviews 2000 --seed 3 --at $at --db "$tmp/b.db" >/dev/null
"$cli" --db "$tmp/a.db" --at $at export --format json -o "$tmp/a.json"
"$cli" --db "$tmp/b.db" --at $at export --format json -o "$tmp/b.json"
"$cli" --db "$tmp/a.db" log --json >"$tmp/a.log"
"$cli" --db "$tmp/b.db" log --json >"$tmp/b.log"
check "the same seed and --at give the same cards and states" cmp "$tmp/a.json" "$tmp/b.json"
check "the same seed and --at give the same review log" \
  sh -c "test -s '$tmp/a.log' && cmp '$tmp/a.log' '$tmp/b.log'"

# Refusals: exit 1 with a message, nothing written
"$dev" bench-gen --cards 10 --reviews 10 --db "$tmp/a.db" >"$tmp/out1" 2>"$tmp/err1"
status=$?
"$cli" --db "$tmp/a.db" stats >"$tmp/stats2" 2>&1
check "a collection that has cards is refused and left as it was" \
  sh -c "test $status -eq 1 && grep -q 'already holds a collection' '$tmp/err1' && cmp '$tmp/stats' '$tmp/stats2'"
"$dev" bench-gen --cards 10 --reviews 10 >"$tmp/out2" 2>"$tmp/err2"
status=$?
check "without --db: a usage error, and the default collection is not made" \
  sh -c "test $status -eq 1 && grep -q -- '--db PATH' '$tmp/err2' && test ! -e '$XDG_DATA_HOME/engram'"
check "without --cards and --reviews: a usage error" \
  sh -c "'$dev' bench-gen --db '$tmp/c.db' 2>'$tmp/err3'; test \$? -eq 1 && grep -q required '$tmp/err3' && test ! -e '$tmp/c.db'"
check "a bad --at is a usage error" \
  sh -c "'$dev' bench-gen --cards 1 --reviews 0 --at yesterday --db '$tmp/d.db' 2>'$tmp/err4'; test \$? -eq 1 && grep -q yesterday '$tmp/err4'"

# Development tools are not the product
check "engram-cli has no bench-gen command" \
  sh -c "'$cli' bench-gen --cards 1 --reviews 0 --db '$tmp/e.db' 2>'$tmp/err5'; test \$? -eq 1 && grep -q 'unknown command' '$tmp/err5' && test ! -e '$tmp/e.db'"
check "engram-cli --help does not list bench-gen; engram-dev --help does" \
  sh -c "'$cli' --help >'$tmp/cli-help' && ! grep -q bench-gen '$tmp/cli-help' && '$dev' --help | grep -q bench-gen"
