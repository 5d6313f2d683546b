#!/bin/sh
# engram-cli under valgrind --leak-check=full: import of the shipped deck,
# reviews (a grade, the interactive loop with an undo), and the JSON and
# Markdown exports.  Each run must end with no error and no block
# "definitely lost" (--error-exitcode makes valgrind's own verdict the exit
# status; the LEAK SUMMARY is checked too, and printed as TAP comments).
#   check-valgrind.sh ENGRAM_CLI DECK
# Skipped (with a reason) without valgrind; meson does not run it in a
# sanitizer build (valgrind cannot run a program built with ASan).
set -u
cli=$1 deck=$2
. "$(dirname "$0")/tap.sh"

if ! command -v valgrind >/dev/null 2>&1; then
  echo "1..0 # SKIP valgrind is not installed"
  exit 0
fi

export XDG_DATA_HOME="$tmp/data" XDG_CACHE_HOME="$tmp/cache" XDG_CONFIG_HOME="$tmp/config"
db="$tmp/c.db"

# vg NAME INPUT CLI-ARGS... : engram-cli under valgrind, reading INPUT; its
# log in $tmp/NAME.vg, its exit status in $tmp/NAME.rc
vg () {
  name=$1 input=$2; shift 2
  valgrind --leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite \
    --error-exitcode=99 --log-file="$tmp/$name.vg" \
    "$cli" --db "$db" "$@" >"$tmp/$name.out" 2>&1 <"$input"
  echo $? >"$tmp/$name.rc"
}

# clean NAME : the run exited 0 and its summary has no error and no definite leak
clean () {
  cat "$tmp/$1.out"
  test "$(cat "$tmp/$1.rc")" = 0 &&
    grep -q 'ERROR SUMMARY: 0 errors' "$tmp/$1.vg" &&
    { grep -q 'definitely lost: 0 bytes in 0 blocks' "$tmp/$1.vg" ||
      grep -q 'All heap blocks were freed' "$tmp/$1.vg"; }
}

# the figures of each run, for whoever reads the log
summary () {
  sed -n '/HEAP SUMMARY/,$p' "$tmp/$1.vg" | sed 's/^==[0-9]*== */# /'
}

echo "1..6"
vg import /dev/null import "$deck"
check "import of the shipped deck: exit 0, no definite leak" clean import
summary import

vg grade /dev/null review --grade 3
check "review --grade: exit 0, no definite leak" clean grade
summary grade

# the interactive loop: reveal, Good, reveal, Again, undo, quit
printf '\n3\n\n1\nu\nq\n' >"$tmp/keys"
vg review "$tmp/keys" review
check "interactive review with an undo: exit 0, no definite leak" clean review
summary review

vg json /dev/null export --format json -o "$tmp/e.json"
check "JSON export: exit 0, no definite leak" clean json
summary json

vg markdown /dev/null export --format markdown -o "$tmp/e.md"
check "Markdown export: exit 0, no definite leak" clean markdown
summary markdown

check "the exports are whole: the JSON parses, the Markdown has the deck's sections" \
  sh -c 'python3 -c "import json, sys; json.load(open(sys.argv[1]))" "$1" &&
         test "$(grep -c "^# " "$2")" -gt 10' sh "$tmp/e.json" "$tmp/e.md"
