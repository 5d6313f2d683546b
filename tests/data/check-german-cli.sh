#!/bin/sh
# engram-cli's own messages are German under LANGUAGE=de (its usage and its
# errors), and English without it.  Needs po/de-cli1.po merged into de.po.
#   check-german-cli.sh ENGRAM_CLI BUILD_ROOT
set -u
cli=$1 build=$2
. "$(dirname "$0")/tap.sh"

# LANGUAGE is ignored in the "C" locale; C.UTF-8 is always there
de () { LANG=C.UTF-8 LC_ALL= LANGUAGE=de ENGRAM_LOCALE_DIR="$build/po" "$@"; }

echo "1..3"
de "$cli" --db "$tmp/t.db" frobnicate >"$tmp/unknown" 2>&1
check "an unknown command is German under LANGUAGE=de, with the usage" \
  sh -c 'grep -q "^engram-cli: unbekannter Befehl „frobnicate“$" "$1" &&
         grep -q "^Aufruf: engram-cli \[--db PFAD\] BEFEHL" "$1"' sh "$tmp/unknown"
de "$cli" --db "$tmp/t.db" show >"$tmp/show" 2>&1
check "a usage error of a command is German" \
  grep -q '^engram-cli: show: Nennen Sie eine Karte' "$tmp/show"
LANG=C.UTF-8 LC_ALL= LANGUAGE= ENGRAM_LOCALE_DIR="$build/po" \
  "$cli" --db "$tmp/t.db" frobnicate >"$tmp/unknown-en" 2>&1
check "and English without it" grep -q '^engram-cli: unknown command “frobnicate”$' "$tmp/unknown-en"
