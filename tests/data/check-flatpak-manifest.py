#!/usr/bin/env python3
"""The Flatpak manifest, checked without the runtime (it cannot be downloaded
here): the file flatpak-builder reads (through `flatpak-builder
--show-manifest` when it is installed), the runtime, the sandbox, every local
path it names, the meson options it passes, the pinning of what it downloads,
and that every library the built programs link is in the runtime or built by
one of its modules. Prints TAP.

    check-flatpak-manifest.py MANIFEST SOURCE_ROOT BUILD_ROOT
"""
import json
import os
import re
import shutil
import subprocess
import sys

MANIFEST, SOURCE, BUILD = sys.argv[1], sys.argv[2], sys.argv[3]
APP_ID = "io.github.engram.Engram"

# The whole sandbox: Wayland, X11 only where there is no Wayland, the GPU, and
# shared memory for X11. No network, no host files: import and export go
# through the file chooser portal, a deck opened from the file manager through
# the document portal.
FINISH_ARGS = ["--share=ipc", "--socket=wayland", "--socket=fallback-x11", "--device=dri"]

# The pkg-config names the GNOME runtime ships (org.gnome.Platform 44 and
# later has WebKitGTK 6.0; GtkSourceView 5 since 42); everything else the
# meson build asks for must be built by a module of the manifest.
RUNTIME_PROVIDES = {
    "glib-2.0", "gio-2.0", "gobject-2.0", "gmodule-2.0", "sqlite3", "json-glib-1.0",
    "gtk4", "libadwaita-1", "gtksourceview-5", "webkitgtk-6.0",
}
OLDEST_RUNTIME = 44
# Shared libraries the runtime has, by soname prefix (besides those of the
# pkg-config names above, this is what they pull in); md4c is built by a module.
RUNTIME_SONAMES = (
    "libc.so", "libm.so", "libglib-2.0.so", "libgio-2.0.so", "libgobject-2.0.so",
    "libgmodule-2.0.so", "libsqlite3.so", "libjson-glib-1.0.so", "libgtk-4.so",
    "libadwaita-1.so", "libgtksourceview-5.so", "libwebkitgtk-6.0.so",
    "libjavascriptcoregtk-6.0.so", "libpango-1.0.so", "libpangocairo-1.0.so",
    "libcairo.so", "libcairo-gobject.so", "libgdk_pixbuf-2.0.so", "libharfbuzz.so",
    "libgraphene-1.0.so", "libintl.so",
    # GCC's support library, in every runtime (the sanitizer build links it)
    "libgcc_s.so",
)
MODULE_SONAMES = {"md4c": ("libmd4c.so",)}

n = 0


def check(desc, problems):
    """One TAP line; problems is a list of strings, empty when it passes."""
    global n
    n += 1
    if problems:
        print(f"not ok {n} - {desc}")
        for p in problems:
            print(f"# {p}")
    else:
        print(f"ok {n} - {desc}")


def load_manifest():
    builder = shutil.which("flatpak-builder")
    if builder:
        out = subprocess.run([builder, "--show-manifest", MANIFEST],
                             capture_output=True, text=True)
        if out.returncode != 0:
            return None, f"flatpak-builder --show-manifest failed: {out.stderr.strip()}"
        return json.loads(out.stdout), "flatpak-builder --show-manifest"
    with open(MANIFEST, encoding="utf-8") as f:
        return json.load(f), "json (flatpak-builder is not installed)"


def all_modules(modules, base):
    """(module, folder its paths are relative to), nested modules included."""
    for m in modules:
        if isinstance(m, str):  # a module in a file of its own
            path = os.path.join(base, m)
            with open(path, encoding="utf-8") as f:
                m = json.load(f)
            yield from all_modules([m], os.path.dirname(path))
            continue
        yield m, base
        yield from all_modules(m.get("modules", []), base)


def local_paths(manifest, base):
    """Every local path the manifest names, as (what, absolute path)."""
    for m in manifest.get("modules", []):
        if isinstance(m, str):
            yield "module file", os.path.join(base, m)
    for m, mbase in all_modules(manifest.get("modules", []), base):
        for s in m.get("sources", []):
            if isinstance(s, str):
                yield f"{m['name']}: sources file", os.path.join(mbase, s)
                continue
            if "path" in s:
                yield f"{m['name']}: {s.get('type')} source", os.path.join(mbase, s["path"])
            for p in s.get("paths", []):
                yield f"{m['name']}: {s.get('type')} source", os.path.join(mbase, p)


def meson_options():
    out = subprocess.run(["meson", "introspect", BUILD, "--buildoptions"],
                         capture_output=True, text=True, check=True)
    return {o["name"]: o for o in json.loads(out.stdout)}


def check_option(opt, options):
    """Problems with one -Dname=value or --name=value given to meson."""
    m = re.fullmatch(r"(?:-D|--)([A-Za-z0-9_.:-]+)(?:=(.*))?", opt)
    if not m:
        return [f"{opt}: not a meson option"]
    name, value = m.group(1), m.group(2)
    o = options.get(name)
    if o is None:
        return [f"{opt}: meson has no option {name} (meson_options.txt)"]
    if o["type"] == "boolean" and value not in ("true", "false"):
        return [f"{opt}: {name} is a boolean"]
    if o["type"] == "combo" and value not in o.get("choices", []):
        return [f"{opt}: {name} is one of {o['choices']}"]
    return []


def needed_sonames(path):
    out = subprocess.run(["readelf", "-d", path], capture_output=True, text=True, check=True)
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out.stdout)


def main():
    manifest, how = load_manifest()
    print("1..9")
    if manifest is None:
        check("the manifest is read", [how])
        return
    check(f"the manifest is read ({how})", [])
    base = os.path.dirname(os.path.abspath(MANIFEST))
    modules = list(all_modules(manifest.get("modules", []), base))

    problems = []
    if manifest.get("id", manifest.get("app-id")) != APP_ID:
        problems.append(f"id is {manifest.get('id')}, not {APP_ID}")
    if manifest.get("command") != "engram":
        problems.append(f"command is {manifest.get('command')}, not engram")
    desktop = os.path.join(SOURCE, "data", APP_ID + ".desktop.in")
    with open(desktop, encoding="utf-8") as f:
        if not re.search(r"^Exec=engram\b", f.read(), re.M):
            problems.append(f"{desktop} does not start engram")
    check("the app id and command are those of the desktop file", problems)

    problems = []
    version = str(manifest.get("runtime-version", ""))
    if manifest.get("runtime") != "org.gnome.Platform" or manifest.get("sdk") != "org.gnome.Sdk":
        problems.append(f"runtime {manifest.get('runtime')}, sdk {manifest.get('sdk')}: "
                        "not the GNOME runtime")
    if not version.isdigit() or int(version) < OLDEST_RUNTIME:
        problems.append(f"runtime-version {version!r}: WebKitGTK 6.0 is in the GNOME "
                        f"runtime from {OLDEST_RUNTIME} on")
    check(f"the GNOME runtime {version} (WebKitGTK 6.0, GtkSourceView 5)", problems)

    args = manifest.get("finish-args", [])
    problems = []
    if sorted(args) != sorted(FINISH_ARGS) or len(set(args)) != len(args):
        problems.append(f"finish-args {args}, not {FINISH_ARGS}")
    check("the sandbox is ipc, wayland, fallback-x11, dri: no network, no host files", problems)

    problems = []
    named = list(local_paths(manifest, base))
    for what, path in named:
        if not os.path.exists(path):
            problems.append(f"{what} {path} does not exist")
    if builder := shutil.which("flatpak-builder"):
        deps = subprocess.run([builder, "--show-deps", MANIFEST], capture_output=True, text=True)
        for line in deps.stdout.splitlines():
            if line and not os.path.exists(os.path.join(base, line)):
                problems.append(f"flatpak-builder --show-deps: {line} does not exist")
    if not any(os.path.samefile(p, SOURCE) for _, p in named if os.path.exists(p)):
        problems.append("no source of the manifest is the source tree")
    check(f"every local path the manifest names exists ({len(named)})", problems)

    problems = []
    options = meson_options()
    meson_modules = [m for m, _ in modules if m.get("buildsystem") == "meson"]
    if not meson_modules or meson_modules[-1]["name"] != "engram":
        problems.append("the last meson module is not engram")
    for m in meson_modules[-1:]:
        for opt in m.get("config-opts", []):
            problems += check_option(opt, options)
        if "-Dtests=false" not in m.get("config-opts", []):
            problems.append("the Flatpak builds no tests: -Dtests=false")
    check("the meson options the manifest passes exist", problems)

    problems = []
    for m, _ in modules:
        for s in m.get("sources", []):
            if isinstance(s, str) or s.get("type") in ("dir", "patch", "script", "shell", "inline"):
                continue
            if s.get("type") == "file" and "path" in s:
                continue
            if s.get("type") == "git":
                if not re.fullmatch(r"[0-9a-f]{40}", s.get("commit", "")):
                    problems.append(f"{m['name']}: git source without a full commit")
            elif not re.fullmatch(r"[0-9a-f]{64}", s.get("sha256", "")):
                problems.append(f"{m['name']}: {s.get('type')} source {s.get('url')} without sha256")
    names = [m["name"] for m, _ in modules]
    if "md4c" not in names:
        problems.append("md4c is not in the GNOME runtime: a module must build it")
    check("md4c and every other download is pinned (commit or sha256)", problems)

    problems = []
    deps = subprocess.run(["meson", "introspect", BUILD, "--dependencies"],
                          capture_output=True, text=True, check=True)
    for d in json.loads(deps.stdout):
        if d.get("type", "pkgconfig") != "pkgconfig":
            continue
        if d["name"] not in RUNTIME_PROVIDES and d["name"] not in names:
            problems.append(f"meson needs {d['name']}: not in the GNOME runtime, "
                            "and no module builds it")
    check("every pkg-config dependency is in the runtime or built by a module", problems)

    problems = []
    sonames = RUNTIME_SONAMES + tuple(s for name, ss in MODULE_SONAMES.items()
                                      if name in names for s in ss)
    programs = [os.path.join(BUILD, "src", "gui", "engram"),
                os.path.join(BUILD, "src", "cli", "engram-cli"),
                os.path.join(BUILD, "src", "gui", "libengram-web.so")]
    for program in programs:
        for lib in needed_sonames(program):
            if not lib.startswith(sonames):
                problems.append(f"{os.path.basename(program)} links {lib}: "
                                "not in the GNOME runtime, and no module builds it")
        print(f"# {os.path.basename(program)}: {' '.join(needed_sonames(program))}")
    check("every library the programs link is in the runtime or built by a module", problems)


main()
