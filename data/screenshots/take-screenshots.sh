#!/bin/bash
# The metainfo's screenshots, taken from the real app under Xvfb.
#
#   data/screenshots/take-screenshots.sh [BUILD_DIR] [OUT_DIR]     (make screenshots)
#
# BUILD_DIR (default _build) is a built meson build directory; its `meson
# devenv` environment runs the app from the tree.  OUT_DIR defaults to
# data/screenshots.  Nothing outside a scratch directory is read or written
# but OUT_DIR: the app runs with its own XDG_* directories and an in-memory
# GSettings backend.  Needs xvfb-run, xdotool and ImageMagick's import.
#
# Takes, at 1280x800:
#   library.png     the library of the shipped deck, a card in the preview
#   review.png      review of card 1028, its answer revealed, its Go code
#                   highlighted
#   statistics.png  the statistics of 60 days of study
#   dark.png        the library in the dark style, the same 60 days
set -eu
src=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$src/_build}" && pwd)
out=$(mkdir -p "${2:-$src/data/screenshots}" && cd "${2:-$src/data/screenshots}" && pwd)
deck=$src/content/expert-go-interview-questions.md
for tool in xvfb-run xdotool import; do
  command -v "$tool" >/dev/null || { echo "take-screenshots: $tool is not installed" >&2; exit 1; }
done

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
eval "$(meson devenv -C "$build" --dump)"
export GSK_RENDERER=cairo WEBKIT_DISABLE_COMPOSITING_MODE=1 GSETTINGS_BACKEND=memory GTK_A11Y=none

# A home for one run: fresh XDG directories around COLLECTION (or none: the
# app imports the shipped deck on its first start)
home () {   # NAME [COLLECTION]
  local h=$scratch/$1
  mkdir -p "$h/data/engram" "$h/config/gtk-4.0" "$h/cache" "$h/run"
  chmod 700 "$h/run"
  # no blinking text cursor in a picture
  printf '[Settings]\ngtk-cursor-blink=false\n' > "$h/config/gtk-4.0/settings.ini"
  [ -z "${2:-}" ] || cp "$2" "$h/data/engram/collection.db"
  echo "$h"
}

# Runs STEPS (a shell snippet, with `shot NAME [WINDOW_TITLE]` and `key KEYS...`) against
# the app started in HOME, under its own Xvfb
run () {   # HOME STEPS [ENV=VALUE...]
  local h=$1 steps=$2; shift 2
  cat > "$h/steps.sh" <<EOF
set -eu
shot () {
  sleep 1.5
  local w=root
  [ -z "\${2:-}" ] || w=\$(xdotool search --onlyvisible --name "^\$2\$" | head -1)
  import -window "\$w" "$out/\$1.png"; echo "  \$1.png"
}
key () { xdotool key --delay 150 "\$@"; }
env HOME="$h" XDG_DATA_HOME="$h/data" XDG_CONFIG_HOME="$h/config" XDG_CACHE_HOME="$h/cache" \
    XDG_RUNTIME_DIR="$h/run" $* engram > "$h/app.log" 2>&1 &
app=\$!
for i in \$(seq 1 60); do
  xdotool search --onlyvisible --name '^Engram|Go Runtime|Library' >/dev/null 2>&1 && break
  sleep 0.5
done
sleep 5
win=\$(xdotool search --onlyvisible --name '.' | tail -1)
xdotool windowfocus "\$win" 2>/dev/null || true
$steps
kill \$app
EOF
  xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp" bash "$h/steps.sh"
}

echo "take-screenshots: into $out"
# the shipped deck, as on the first start: the library, then review
run "$(home first)" '
shot library
key ctrl+f
xdotool type --delay 50 "three-index slice"
sleep 1
xdotool mousemove 1180 771 click 1
sleep 1
key Return
sleep 2
xdotool mousemove 1270 400
key space
shot review'

# 60 days of study, for the statistics and the dark library
studied=$scratch/studied.db
engram-cli --db "$studied" import "$deck" >/dev/null
"$build/src/dev/engram-dev" study --days 60 --db "$studied" >/dev/null
run "$(home statistics "$studied")" '
key ctrl+shift+s
sleep 3
shot statistics Statistics'
run "$(home dark "$studied")" 'shot dark' ADW_DEBUG_COLOR_SCHEME=prefer-dark
