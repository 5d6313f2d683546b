#!/bin/sh
# The app's start on a large collection: time to the first frame (from
# process start, as ENGRAM_TRACE reports it; target <= 500 ms) and the UI
# process's memory with the library open (target <= 250 MB RSS), beside the
# same on the 245-card shipped deck.
#   bench-library-start.sh ENGRAM ENGRAM_CLI ENGRAM_DEV DECK   (under Xvfb)
set -u
app=$1 cli=$2 dev=$3 deck=$4
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache" XDG_RUNTIME_DIR="$tmp/runtime"
export ENGRAM_TRACE=1
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"

mkdir -p "$tmp/small/engram" "$tmp/large/engram"
"$cli" --db "$tmp/small/engram/collection.db" import "$deck" >/dev/null
echo "generating 100,000 cards and 1,000,000 reviews…"
"$dev" bench-gen --cards 100000 --reviews 1000000 --db "$tmp/large/engram/collection.db"

median () { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

for size in small large; do
  : >"$tmp/frames"; : >"$tmp/rss"
  for run in 1 2 3 4 5 6 7 8 9; do
    XDG_DATA_HOME="$tmp/$size" "$app" 2>"$tmp/log" &
    pid=$!
    sleep 5          # the library is open, the web views warm
    grep VmRSS /proc/$pid/status | awk '{ print $2 / 1024 }' >>"$tmp/rss"
    kill $pid; wait $pid 2>/dev/null
    sed -n 's/^trace: first-frame //p' "$tmp/log" >>"$tmp/frames"
  done
  printf '%-6s first frame median %5s ms (runs: %s)   UI RSS median %5.0f MB\n' "$size" \
    "$(median <"$tmp/frames")" "$(tr '\n' ' ' <"$tmp/frames")" "$(median <"$tmp/rss")"
done
echo "targets (large): first frame <= 500 ms, UI RSS <= 250 MB"
