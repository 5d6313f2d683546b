#!/bin/sh
# check-desktop-file.sh DESKTOP-FILE - the built desktop file is valid and
# offers Engram for Markdown decks ("Open With Engram" in a file manager,
# issue 16, point 2), handing it the files it opens.
. "$(dirname "$0")/tap.sh"
desktop=$1

echo "1..4"
check "desktop-file-validate accepts it" desktop-file-validate "$desktop"
check "MimeType lists text/markdown" \
  grep -Eq '^MimeType=(.*;)?text/markdown;' "$desktop"
check "MimeType lists text/x-markdown" \
  grep -Eq '^MimeType=(.*;)?text/x-markdown;' "$desktop"
check "the main Exec line passes the files opened (%U or %F)" \
  sh -c "sed -n '/^\[Desktop Entry\]/,/^\[/p' '$desktop' | grep -Eq '^Exec=engram .*%[UF]'"
