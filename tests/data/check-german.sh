#!/bin/sh
# The German translation is complete and used: po/de.po translates every
# message of the sources, and LANGUAGE=de turns the core's messages, the
# desktop file and the metainfo German.
#   check-german.sh ENGRAM_CLI BUILD_ROOT SOURCE_ROOT
set -u
cli=$1 build=$2 src=$3
. "$(dirname "$0")/tap.sh"

# LANGUAGE is ignored in the "C" locale; C.UTF-8 is always there
de () { LANG=C.UTF-8 LC_ALL= LANGUAGE=de ENGRAM_LOCALE_DIR="$build/po" "$@"; }

echo "1..9"
check "po/de.po passes msgfmt --check" msgfmt --check -o "$tmp/de.mo" "$src/po/de.po"

# the messages of the sources now, as `ninja engram-pot` extracts them
# (i18n.gettext's glib preset), merged into de.po: none may be left over
xgettext --directory="$src" --files-from="$src/po/POTFILES.in" --from-code=UTF-8 \
  --add-comments --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_set_error:4:c-format --flag=g_markup_printf_escaped:1:c-format \
  -o "$tmp/engram.pot" 2>"$tmp/xgettext.log"
msgmerge --quiet --no-fuzzy-matching -o "$tmp/de.po" "$src/po/de.po" "$tmp/engram.pot"
msgfmt --check --statistics -o /dev/null "$tmp/de.po" 2>"$tmp/stats"
check "de.po translates every message of the sources, none fuzzy" \
  sh -c 'cat "$1"; ! grep -q "untranslated\|fuzzy" "$1"' sh "$tmp/stats"
check "the German catalogue is built" test -f "$build/po/de/LC_MESSAGES/engram.mo"

: >"$tmp/empty.md"
de "$cli" --db "$tmp/t.db" import "$tmp/empty.md" >"$tmp/import" 2>&1
check "a core error is German under LANGUAGE=de" grep -q 'Die Datei ist leer' "$tmp/import"
LANG=C.UTF-8 LC_ALL= LANGUAGE= ENGRAM_LOCALE_DIR="$build/po" \
  "$cli" --db "$tmp/t.db" import "$tmp/empty.md" >"$tmp/import-en" 2>&1
check "and English without it" grep -q 'the file is empty' "$tmp/import-en"

de "$cli" --db "$tmp/t.db" search 'prop:ivl>' >"$tmp/search" 2>&1
check "a search error is German, its placeholders filled" \
  grep -q 'Fehlender Vergleich\|Ungültige Zahl' "$tmp/search"

de "$cli" --db "$tmp/t.db" frobnicate >"$tmp/unknown" 2>&1
check "engram-cli's own messages are German" \
  grep -q '^engram-cli: unbekannter Befehl „frobnicate“$' "$tmp/unknown"

check "the desktop file has a German comment" \
  grep -q '^Comment\[de\]=Langfristig lernen' "$build/data/io.github.engram.Engram.desktop"
check "the metainfo has a German summary" \
  grep -q '<summary xml:lang="de">' "$build/data/io.github.engram.Engram.metainfo.xml"
