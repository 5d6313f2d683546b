#!/bin/sh
# engram-cli on a hostile card: a question line of 100,000 "www.a.b " (800 KB)
# imports, and is listed in under a second (md4c 0.4.8's bare links took 3 to
# 6 s on it, and four times as long on twice the text).
#   check-hostile.sh ENGRAM_CLI
set -u
cli=$1
. "$(dirname "$0")/tap.sh"
db="$tmp/t.db"

now_ms () {
  echo $(($(date +%s%N) / 1000000))
}

echo "1..5"
awk 'BEGIN { printf "# Hostile\n\n### 1. "
             for (i = 0; i < 100000; i++) printf "www.a.b "
             printf "\nThe answer.\n" }' >"$tmp/hostile.md"
check "the deck is 800 KB" test "$(wc -c <"$tmp/hostile.md")" -gt 800000

timeout 60 "$cli" --db "$db" import "$tmp/hostile.md" >"$tmp/import" 2>&1
check "the deck imports" grep -q ' 1 card: 1 added' "$tmp/import"

start=$(now_ms)
timeout 60 "$cli" --db "$db" list >"$tmp/list" 2>&1
status=$?
ms=$(($(now_ms) - start))
echo "# list took $ms ms"
check "list exits 0" test $status -eq 0
check "list finishes in under 1 s" test $ms -lt 1000
check "list shows the question as text" \
  grep -q '^hostile/1	www\.a\.b www\.a\.b .* www\.a\.b$' "$tmp/list"
