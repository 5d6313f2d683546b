#!/usr/bin/env python3
"""`meson install --destdir` gives every file the app needs at run time, as
the Flatpak (prefix /app) and a distribution package take them, and nothing
from the development tools. Prints TAP, and the installed files as comments.

    check-install.py BUILD_ROOT SOURCE_ROOT
"""
import glob
import json
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

BUILD, SOURCE = sys.argv[1], sys.argv[2]
APP_ID = "io.github.engram.Engram"
n = 0


def check(desc, problems):
    global n
    n += 1
    if problems:
        print(f"not ok {n} - {desc}")
        for p in problems:
            print(f"# {p}")
    else:
        print(f"ok {n} - {desc}")


def option(name):
    out = subprocess.run(["meson", "introspect", BUILD, "--buildoptions"],
                         capture_output=True, text=True, check=True)
    return [o["value"] for o in json.loads(out.stdout) if o["name"] == name][0]


def run(*args):
    return subprocess.run(list(args), capture_output=True, text=True)


def main(tmp):
    prefix, libdir = option("prefix"), option("libdir")
    print("1..9")
    out = run("meson", "install", "-C", BUILD, "--no-rebuild", "--destdir", tmp + "/dest")
    if out.returncode != 0:
        check("meson install --destdir", (out.stdout + out.stderr).splitlines()[-20:])
        return
    tree = tmp + "/dest" + prefix
    files = sorted(os.path.relpath(os.path.join(d, f), tree)
                   for d, _, fs in os.walk(tree) for f in fs)
    listed = sorted(re.sub("^" + re.escape(libdir) + "/", "LIBDIR/", f) for f in files)
    print(f"# installed under {prefix} (LIBDIR is {libdir}):")
    for f in listed:
        print(f"#   {f}")
    with open(os.path.join(SOURCE, "tests", "data", "installed-files.txt")) as f:
        expected = f.read().split()
    problems = [f"missing: {f}" for f in expected if f not in listed]
    problems += [f"not expected: {f}" for f in listed if f not in expected]
    check("meson install --destdir installs exactly tests/data/installed-files.txt", problems)

    def path(rel):
        return os.path.join(tree, rel)

    problems = []
    for f in files:
        if (re.search(r"(^|/)(engram-dev|test-[^/]*|bench-[^/]*)$", f) or f.startswith("include/")
                or f.endswith((".a", ".h", ".pc")) or "/pkgconfig/" in f):
            problems.append(f"a development file is installed: {f}")
    check("nothing from the development tools (engram-dev, tests, benchmarks, headers, "
          "static libraries)", problems)

    problems = []
    for prog in ("bin/engram", "bin/engram-cli"):
        if not os.access(path(prog), os.X_OK):
            problems.append(f"{prog} is not an executable")
    out = run(path("bin/engram-cli"), "--version")
    if out.returncode != 0:
        problems.append(f"bin/engram-cli --version: {out.stderr.strip()}")
    check("the programs engram and engram-cli", problems)

    problems = []
    module = path(f"{libdir}/engram/libengram-web.so")
    header = open(os.path.join(SOURCE, "src", "gui", "eg-web-module.h")).read()
    symbol = re.search(r'#define\s+EG_WEB_MODULE_SYMBOL\s+"([^"]+)"', header).group(1)
    out = run("nm", "-D", "--defined-only", module)
    if not re.search(r"\bT " + re.escape(symbol) + r"$", out.stdout, re.M):
        problems.append(f"{module} does not export {symbol}: {out.stderr.strip()}")
    check(f"the WebKit module in LIBDIR/engram, exporting {symbol}", problems)

    problems = []
    shipped = sorted(os.path.basename(p) for p in glob.glob(os.path.join(SOURCE, "content", "*.md")))
    installed = sorted(os.listdir(path("share/engram/content")))
    if not shipped or shipped != installed:
        problems.append(f"content/ has {shipped}, the install {installed}")
    check(f"the shipped decks in share/engram/content ({len(shipped)})", problems)

    problems = []
    desktop = path(f"share/applications/{APP_ID}.desktop")
    text = open(desktop, encoding="utf-8").read()
    if not re.search(r"^Exec=engram\b", text, re.M) or not re.search(f"^Icon={APP_ID}$", text, re.M):
        problems.append(f"{desktop}: Exec is not engram or Icon is not {APP_ID}")
    out = run("desktop-file-validate", desktop)
    if out.returncode != 0:
        problems.append(out.stdout + out.stderr)
    metainfo = ET.parse(path(f"share/metainfo/{APP_ID}.metainfo.xml")).getroot()
    if metainfo.findtext("id") != APP_ID:
        problems.append(f"metainfo id is {metainfo.findtext('id')}")
    if metainfo.findtext("launchable") != f"{APP_ID}.desktop":
        problems.append(f"metainfo launchable is {metainfo.findtext('launchable')}")
    check("the desktop file and the metainfo, naming each other", problems)

    problems = []
    for icon in (f"scalable/apps/{APP_ID}.svg", f"symbolic/apps/{APP_ID}-symbolic.svg"):
        p = path(f"share/icons/hicolor/{icon}")
        if not os.path.isfile(p) or "<svg" not in open(p, encoding="utf-8").read():
            problems.append(f"no SVG at share/icons/hicolor/{icon}")
    check("the icons, scalable and symbolic", problems)

    # What a package's post-install (or flatpak build-finish) does with it
    problems = []
    schemas = path("share/glib-2.0/schemas")
    out = run("glib-compile-schemas", "--strict", "--targetdir", tmp, schemas)
    if out.returncode != 0:
        problems.append(out.stderr.strip())
    else:
        out = run("gsettings", "--schemadir", tmp, "list-keys", APP_ID)
        if out.returncode != 0 or not out.stdout.split():
            problems.append(f"gsettings finds no keys of {APP_ID}: {out.stderr.strip()}")
    check("the GSettings schema compiles from the install tree", problems)

    # The templates, the card page and the stylesheet are in the program
    problems = []
    xml = ET.parse(os.path.join(SOURCE, "ui", "engram.gresource.xml")).getroot()
    wanted = [f"{g.get('prefix')}/{f.get('alias') or f.text}" for g in xml for f in g]
    out = run("gresource", "list", path("bin/engram"))
    inside = out.stdout.split()
    problems += [f"bin/engram has no resource {w}" for w in wanted if w not in inside]
    check(f"the GResource ({len(wanted)} files: templates, card page, style) is in bin/engram",
          problems)


with tempfile.TemporaryDirectory() as tmpdir:
    main(tmpdir)
