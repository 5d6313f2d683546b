#!/bin/sh
# End to end on the real binary: start Engram on an empty data folder (it
# imports the shipped deck), press Enter, then Space and a grade for 10
# cards; the review log must hold exactly those 10 ratings, in order.
# Each key waits for the app to show what the previous one did, as its
# ENGRAM_TRACE lines say (the library's cards, then reveal and next for each
# card).
#   e2e-review.sh ENGRAM ENGRAM_CLI   (under Xvfb; ENGRAM_CONTENT_DIR and
#                                      GSETTINGS_SCHEMA_DIR set by meson)
set -u
app=$1 cli=$2
tmp=$(mktemp -d)
trap 'kill $pid 2>/dev/null; rm -rf "$tmp"' EXIT
export XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache"
export XDG_RUNTIME_DIR="$tmp/runtime" ENGRAM_TRACE=1
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
db="$XDG_DATA_HOME/engram/collection.db"
ratings="3 1 3 1 3 4 3 2 3 1"

echo "1..4"
"$app" >"$tmp/app.log" 2>&1 &
pid=$!

# until the app has printed N "trace: WHAT" lines (at most 20 s)
traced () {
  for i in $(seq 400); do
    [ "$(grep -c "^trace: $2 " "$tmp/app.log")" -ge "$1" ] && return 0
    sleep 0.05
  done
  echo "# no trace: $2 number $1"
  return 1
}

# the window, and the shipped deck imported
for i in $(seq 100); do
  if xdotool search --onlyvisible --name '^Engram$' >/dev/null 2>&1 &&
     "$cli" --db "$db" stats 2>/dev/null | grep -q '^Cards: *245'; then
    break
  fi
  sleep 0.2
done
if "$cli" --db "$db" stats 2>/dev/null | grep -q '^Cards: *245'; then
  echo "ok 1 - the app starts and imports the shipped deck"
else
  echo "not ok 1 - the app starts and imports the shipped deck"; sed 's/^/# /' "$tmp/app.log"
fi

review () {
  traced 1 library || return      # the library shows the deck
  xdotool key Return || return   # review the selected deck
  traced 1 next || return
  n=1
  for r in $ratings; do
    xdotool key space
    traced $n reveal || return
    xdotool key "$r"             # saved before the next card shows
    n=$((n + 1))
    traced $n next || return
  done
}
review
kill $pid 2>/dev/null
wait $pid 2>/dev/null

got=$("$cli" --db "$db" log --json | python3 -c 'import json,sys; print(" ".join(str(r["rating"]) for r in json.load(sys.stdin)))')
if [ "$got" = "$ratings" ]; then
  echo "ok 2 - the review log holds the 10 ratings in order"
else
  echo "not ok 2 - the review log holds the 10 ratings in order"
  echo "# expected: $ratings"; echo "# got:      $got"; sed 's/^/# /' "$tmp/app.log" | tail -20
fi

keys=$("$cli" --db "$db" log --json | python3 -c 'import json,sys; print(" ".join(r["card"] for r in json.load(sys.stdin)))')
if [ "$keys" = "16/301 16/302 16/303 16/304 16/305 16/306 16/307 16/308 16/309 16/310" ]; then
  echo "ok 3 - ten new cards in deck order"
else
  echo "not ok 3 - ten new cards in deck order"; echo "# got: $keys"
fi

# Each reveal and next card is timed to the window's frame that shows it,
# which comes after the web view painted it: "trace: reveal 31.2 (web 24.0)".
timed=$(grep -E '^trace: (reveal|next) ' "$tmp/app.log")
if [ "$(echo "$timed" | wc -l)" -eq 21 ] &&
   echo "$timed" | awk '$4 != "(web" || $3 + 0 < substr($5, 1, length($5) - 1) + 0 { bad = 1 }
                        END { exit bad }'; then
  echo "ok 4 - reveals and next cards are timed to the screen, after the web view's paint"
else
  echo "not ok 4 - reveals and next cards are timed to the screen, after the web view's paint"
  echo "$timed" | sed 's/^/# /'
fi
