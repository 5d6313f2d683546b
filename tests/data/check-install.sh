#!/bin/sh
# `meson install` into a DESTDIR gives exactly the files the Flatpak expects,
# and the manifest is sane (id, command, sandbox without network or host files).
#   check-install.sh BUILD_ROOT SOURCE_ROOT
set -u
build=$1 source=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
option () {
  meson introspect "$build" --buildoptions | python3 -c \
    'import json,sys; print([o["value"] for o in json.load(sys.stdin) if o["name"]==sys.argv[1]][0])' "$1"
}
prefix=$(option prefix)
libdir=$(option libdir)   # lib in the Flatpak, lib/x86_64-linux-gnu on Debian

echo "1..2"
if meson install -C "$build" --no-rebuild --destdir "$tmp/dest" >"$tmp/log" 2>&1; then
  (cd "$tmp/dest$prefix" && find . -type f | sed -e 's|^\./||' -e "s|^$libdir/|LIBDIR/|" |
     LC_ALL=C sort) >"$tmp/files"
  if diff -u "$source/tests/data/installed-files.txt" "$tmp/files" >"$tmp/diff"; then
    echo "ok 1 - installed files"
  else
    echo "not ok 1 - installed files"; sed 's/^/# /' "$tmp/diff"
  fi
else
  echo "not ok 1 - installed files"; sed 's/^/# /' "$tmp/log" | tail -20
fi

if python3 - "$source/flatpak/io.github.engram.Engram.json" >"$tmp/out" 2>&1 <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
assert m["id"] == "io.github.engram.Engram", m["id"]
assert m["command"] == "engram"
args = m["finish-args"]
assert "--share=network" not in args, "the app must not have network access"
assert not any(a.startswith("--filesystem=host") or a == "--filesystem=home" for a in args)
names = [mod["name"] for mod in m["modules"]]
assert names[-1] == "engram" and m["modules"][-1]["buildsystem"] == "meson"
assert "md4c" in names, "md4c is not in the GNOME runtime: it must be built"
PY
then echo "ok 2 - flatpak manifest"; else echo "not ok 2 - flatpak manifest"; sed 's/^/# /' "$tmp/out"; fi

