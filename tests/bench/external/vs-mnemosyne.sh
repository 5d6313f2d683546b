#!/bin/bash
# Engram beside Mnemosyne 2.9, side by side in one run, measured from outside the way a user sees it:
# XTest key presses and the window's pixels under Xvfb, and memory (PSS) of each app's whole process tree.
#
#   tests/bench/external/vs-mnemosyne.sh BUILD_DIR [DECK.md] [PAIRS]
#
# `make bench` runs it (the vs-mnemosyne benchmark); without Mnemosyne it
# says so and skips.
#
# BUILD_DIR is a configured and built meson build directory of Engram (its `meson devenv` environment is
# used); DECK.md defaults to content/expert-go-interview-questions.md; PAIRS (default 3) runs of each app,
# alternating. Needs: apt-get install mnemosyne xvfb imagemagick (Mnemosyne runs on the system /usr/bin/python3). Work files go to $TMPDIR/engram-vs-mnemosyne.
#
# Printed per app (medians over the runs; per key over all presses):
#   mapped    process start -> main window mapped
#   first     process start -> first pixels of the window
#   settled   process start -> the window's final image (no change for 1.5 s afterwards)
#   reveal-answer   Space -> the answer area changed   (the answer is visible)
#   reveal-settled  Space -> the whole window stopped changing (animations included)
#   next-settled    grade key -> the whole window stopped changing
#   pss       whole process tree, idle after start (MiB)
# then, for Engram alone: `engram --review` (start -> the first question on screen, beside
# Mnemosyne's start -> final image), the same figures on the 100,000-card / 1,000,000-review
# benchmark collection beside the shipped deck's (and a search: Ctrl+F, then a word typed at once,
# from its last letter to the last change of the table's rows), and the medians Engram's own probe (ENGRAM_TRACE=1)
# printed for the reveals and next cards of the first runs, beside the figures measured from outside.
# tiles_probe.py shows where in the window late changes happen (e.g. a 200 ms button transition).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:?usage: vs-mnemosyne.sh BUILD_DIR [DECK.md] [PAIRS]}" && pwd)
deck=${2:-}
pairs=${3:-3}
for tool in mnemosyne xvfb-run import; do
  command -v "$tool" >/dev/null || {
    echo "vs-mnemosyne: skipped: $tool is not installed (apt-get install mnemosyne xvfb imagemagick)"
    exit 0
  }
done
W=${TMPDIR:-/tmp}/engram-vs-mnemosyne; mkdir -p "$W"
eval "$(meson devenv -C "$build" --dump)"
app=$(command -v engram); cli=$(command -v engram-cli); dev=$build/src/dev/engram-dev
[ -n "$deck" ] || deck="$ENGRAM_CONTENT_DIR/expert-go-interview-questions.md"
rm -rf "$W/mtmpl" "$W/etmpl"
/usr/bin/python3 "$here/peer/md2tsv.py" "$deck" "$W/deck.tsv" >/dev/null
(cd "$here/peer" && /usr/bin/python3 -W ignore headless_import.py "$W/mtmpl" "$W/deck.tsv" --prepare-gui >/dev/null)
mkdir -p "$W/etmpl/engram"; "$cli" --db "$W/etmpl/engram/collection.db" import "$deck" >/dev/null
X=(xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp")
for i in $(seq 1 "$pairs"); do
  QTWEBENGINE_DISABLE_SANDBOX=1 QTWEBENGINE_CHROMIUM_FLAGS=--disable-gpu timeout 200 "${X[@]}" \
    /usr/bin/python3 "$here/peer/gui_bench.py" "$W/m$i" "$W/mtmpl" --iters 6 --settle 1.5 >/dev/null 2>&1 || echo "mnemosyne run $i failed"
  ENGRAM_TRACE=1 GSK_RENDERER=cairo WEBKIT_DISABLE_COMPOSITING_MODE=1 GSETTINGS_BACKEND=memory timeout 200 "${X[@]}" \
    /usr/bin/python3 "$here/peer/gui_bench.py" "$W/e$i" "$W/etmpl" --cmd "$app" --name Engram --pre-keys Return \
    --reveal-key space --grade-key 3 --iters 6 --settle 1.5 >/dev/null 2>&1 || echo "engram run $i failed"
done
# Engram alone: straight into review (engram --review), a search typed in the library, and the same
# on the 100,000-card / 1,000,000-review benchmark collection.
[ -f "$W/ltmpl/engram/collection.db" ] || {
  mkdir -p "$W/ltmpl/engram"
  "$dev" bench-gen --cards 100000 --reviews 1000000 --db "$W/ltmpl/engram/collection.db" >/dev/null
}
engram_run () {   # RUN_DIR TEMPLATE CMD ARGS...
  local run=$1 tmpl=$2 cmd=$3; shift 3
  ENGRAM_TRACE=1 GSK_RENDERER=cairo WEBKIT_DISABLE_COMPOSITING_MODE=1 GSETTINGS_BACKEND=memory timeout 300 "${X[@]}" \
    /usr/bin/python3 "$here/peer/gui_bench.py" "$run" "$tmpl" --cmd "$cmd" --name Engram --settle 1.5 "$@" \
    >/dev/null 2>&1 || echo "engram run $run failed"
}
for i in $(seq 1 "$pairs"); do
  engram_run "$W/r$i" "$W/etmpl" "$app --review" --iters 0
  engram_run "$W/s$i" "$W/etmpl" "$app" --iters 0 --search-word goroutine
  engram_run "$W/l$i" "$W/ltmpl" "$app" --pre-keys Return --reveal-key space --grade-key 3 --iters 6
  engram_run "$W/ls$i" "$W/ltmpl" "$app" --iters 0 --search-word goroutine
done
python3 - "$W" "$pairs" <<'PY'
import json, os, sys, statistics as st
W, n = sys.argv[1], int(sys.argv[2])
def load(p):
    rs = [json.load(open(f"{W}/{p}{i}/result.json")) for i in range(1, n + 1) if os.path.exists(f"{W}/{p}{i}/result.json")]
    if not rs: return None
    lat = lambda first, k: [l[k] for r in rs for l in r["latency"][(0 if first else 1)::2] if l.get(k) is not None]
    med = lambda a: st.median(a) if a else float("nan")
    return {"mapped": med([r["startup_mapped_s"] * 1000 for r in rs]),
            "first": med([r["startup_first_pixels_s"] * 1000 for r in rs]),
            "settled": med([r["startup_painted_s"] * 1000 for r in rs]),
            "reveal-answer": med(lat(True, "abox_change_ms")),
            "reveal-settled": med(lat(True, "settle_ms")),
            "next-settled": med(lat(False, "settle_ms")),
            "pss": med([r["mem_idle_after_start"]["sum"]["pss_kb"] / 1024 for r in rs])}
e, m = load("e"), load("m")
if not e or not m: print("runs missing"); sys.exit(1)
def search(p):
    a = [json.load(open(f"{W}/{p}{i}/result.json")).get("search", {}).get("table_ms")
         for i in range(1, n + 1) if os.path.exists(f"{W}/{p}{i}/result.json")]
    a = [v for v in a if v is not None]
    return st.median(a) if a else float("nan")
r, large = load("r"), load("l")
e["search"], large["search"] = search("s"), search("ls")
print(f"{'figure':16} {'Engram':>9} {'Mnemosyne':>10} {'ratio':>7}")
for k in m:
    unit = "MiB" if k == "pss" else "ms"
    print(f"{k:16} {e[k]:9.0f} {m[k]:10.0f} {e[k] / m[k]:6.2f}x  ({unit})")
# Engram's own probe: "trace: reveal 31.2 (web 24.0)"; the first "next" is the review's start (Return).
trace = {"reveal": [], "next": []}
for i in range(1, n + 1):
    seen = {"reveal": 0, "next": 0}
    for line in open(f"{W}/e{i}/app.log", errors="replace"):
        f = line.split()
        if len(f) >= 3 and f[0] == "trace:" and f[1] in trace:
            seen[f[1]] += 1
            if f[1] == "reveal" or seen["next"] > 1:
                trace[f[1]].append(float(f[2]))
print()
print(f"engram --review: start -> first question on screen {r['settled']:.0f} ms, "
      f"{r['settled'] / m['settled']:.2f}x Mnemosyne's start -> final image ({m['settled']:.0f} ms)")
print()
print(f"{'Engram':16} {'245 cards':>9} {'100,000':>10} {'ratio':>7}")
for k in ("settled", "search", "reveal-settled", "next-settled"):
    print(f"{k:16} {e[k]:9.0f} {large[k]:10.0f} {large[k] / e[k]:6.2f}x  (ms)")
print("(search: Ctrl+F, then \"goroutine\" typed at once: from its last letter to the table's rows' last change)")
print()
for k, outside in (("reveal", "reveal-settled"), ("next", "next-settled")):
    if trace[k]:
        t = st.median(trace[k])
        print(f"ENGRAM_TRACE {k:6} {t:6.0f} ms in the app, {e[outside]:4.0f} ms from outside "
              f"({outside}): {e[outside] - t:+.0f} ms ({len(trace[k])} samples)")
PY
