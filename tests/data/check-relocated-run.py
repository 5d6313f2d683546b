#!/usr/bin/env python3
"""The app runs from a `meson install --destdir` tree moved somewhere else,
as a Flatpak's /app or an unpacked package, with no ENGRAM_* variable but
ENGRAM_MODULE_DIR naming the build tree's web module (ignored): it
finds its web module and its shipped deck from where the program is, imports
the deck on the first start and shows the library. Starts an Xvfb of its own
(its screen is read from the file Xvfb keeps with -fbdir, so no screenshot
tool is needed) and a D-Bus session of its own. Prints TAP.

    check-relocated-run.py BUILD_ROOT [SCREENSHOT.png]
"""
import json
import os
import re
import shutil
import signal
import subprocess
import struct
import sys
import tempfile
import time
import zlib

BUILD = sys.argv[1]
KEEP_SHOT = sys.argv[2] if len(sys.argv) > 2 else None
CARDS = 245  # the shipped deck, content/expert-go-interview-questions.md
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
    sys.stdout.flush()


def option(name):
    out = subprocess.run(["meson", "introspect", BUILD, "--buildoptions"],
                         capture_output=True, text=True, check=True)
    return [o["value"] for o in json.loads(out.stdout) if o["name"] == name][0]


def count_cards(cli, db, env):
    if not os.path.exists(db):
        return None
    out = subprocess.run([cli, "--db", db, "list"], capture_output=True, text=True, env=env)
    return len(out.stdout.splitlines()) if out.returncode == 0 else None


def read_xwd(path):
    """(width, height, RGB bytes) of the XWD file Xvfb -fbdir keeps."""
    with open(path, "rb") as f:
        data = f.read()
    h = struct.unpack(">25I", data[:100])
    size, width, height, byte_order, bpp, stride, ncolors = h[0], h[4], h[5], h[7], h[11], h[12], h[19]
    if bpp != 32:
        raise ValueError(f"{path}: {bpp} bits per pixel, not 32")
    pixels = data[size + 12 * ncolors:]
    rgb = bytearray()
    for y in range(height):
        row = pixels[y * stride:y * stride + 4 * width]
        if byte_order == 0:  # LSBFirst: B G R x
            rgb += bytes(b for i in range(0, len(row), 4) for b in (row[i + 2], row[i + 1], row[i]))
        else:  # MSBFirst: x R G B
            rgb += bytes(b for i in range(0, len(row), 4) for b in row[i + 1:i + 4])
    return width, height, bytes(rgb)


def write_png(path, width, height, rgb):
    def chunk(kind, body):
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body) & 0xffffffff))

    rows = b"".join(b"\0" + rgb[y * 3 * width:(y + 1) * 3 * width] for y in range(height))
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(rows, 6)) + chunk(b"IEND", b""))


def screenshot_problems(fbdir, png):
    """Problems with the screen: not readable, or all of one colour."""
    try:
        width, height, rgb = read_xwd(os.path.join(fbdir, "Xvfb_screen0"))
    except (OSError, ValueError, struct.error) as e:
        return [f"the screen cannot be read: {e}"]
    write_png(png, width, height, rgb)
    colours = len({rgb[i:i + 3] for i in range(0, len(rgb), 3)})
    grey = [sum(rgb[i:i + 3]) / 765 for i in range(0, len(rgb), 3 * 7)]
    mean = sum(grey) / len(grey)
    deviation = (sum((g - mean) ** 2 for g in grey) / len(grey)) ** 0.5
    print(f"# screenshot: {width}x{height}, {colours} colours, standard deviation {deviation:.3f}")
    if colours < 50 or deviation < 0.02:
        return [f"the screen is blank ({colours} colours)"]
    return []


def start_xvfb(fbdir):
    """An Xvfb on a free display; returns (process, DISPLAY)."""
    read, write = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x800x24",
                             "-nolisten", "tcp", "-noreset", "-fbdir", fbdir],
                            pass_fds=[write], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as f:
        number = f.readline().strip()
    if not number:
        raise RuntimeError("Xvfb did not start")
    return xvfb, ":" + number


def main(tmp):
    prefix, libdir = option("prefix"), option("libdir")
    print("1..6")
    out = subprocess.run(["meson", "install", "-C", BUILD, "--no-rebuild", "--destdir", tmp + "/dest"],
                         capture_output=True, text=True)
    # The tree moves: nothing of the build's prefix is where the program looks
    tree = os.path.join(tmp, "moved", "engram")
    if out.returncode == 0:
        os.makedirs(os.path.dirname(tree))
        shutil.move(tmp + "/dest" + prefix, tree)
        out = subprocess.run(["glib-compile-schemas", "--strict",
                              os.path.join(tree, "share", "glib-2.0", "schemas")],
                             capture_output=True, text=True)
    check(f"installed from prefix {prefix} and moved to {tree}",
          [] if out.returncode == 0 else (out.stdout + out.stderr).splitlines()[-20:])
    if out.returncode != 0:
        return

    home = os.path.join(tmp, "home")
    fbdir = os.path.join(tmp, "screen")
    os.makedirs(fbdir)
    xvfb, display = start_xvfb(fbdir)
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("ENGRAM_", "GSETTINGS_SCHEMA_DIR", "XDG_", "G_TEST_",
                                "DBUS_", "XAUTHORITY", "WAYLAND_DISPLAY"))}
    env.update({
        "DISPLAY": display,
        "XDG_RUNTIME_DIR": os.path.join(tmp, "runtime"),
        "HOME": home,
        "XDG_DATA_HOME": os.path.join(home, ".local", "share"),
        "XDG_CONFIG_HOME": os.path.join(home, ".config"),
        "XDG_CACHE_HOME": os.path.join(home, ".cache"),
        "XDG_STATE_HOME": os.path.join(home, ".local", "state"),
        # the schema and the icons, as /app/share is in a Flatpak
        "XDG_DATA_DIRS": os.path.join(tree, "share") + ":/usr/local/share:/usr/share",
        "GSETTINGS_BACKEND": "memory",
        "GSK_RENDERER": "cairo",
        "WEBKIT_DISABLE_COMPOSITING_MODE": "1",
        # in German: the catalogue must come from the moved tree too
        # (LANGUAGE is ignored in the C locale)
        "LANG": "C.UTF-8",
        "LC_ALL": "",
        "LANGUAGE": "de",
        # the web module is code: no variable can name where it comes from
        # (this one was read before; the build tree's module would load)
        "ENGRAM_MODULE_DIR": os.path.join(os.path.abspath(BUILD), "src", "gui"),
    })
    os.makedirs(env["XDG_DATA_HOME"])
    os.makedirs(env["XDG_RUNTIME_DIR"], mode=0o700)
    db = os.path.join(env["XDG_DATA_HOME"], "engram", "collection.db")
    cli = os.path.join(tree, "bin", "engram-cli")
    app = os.path.join(tree, "bin", "engram")
    log = open(os.path.join(tmp, "engram.log"), "w+")
    cmd = [app]
    if shutil.which("dbus-run-session"):  # not the session of whoever runs the tests
        cmd = ["dbus-run-session", "--"] + cmd
    proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    try:
        engram = None
        cards = None
        mapped = []
        catalogues = []
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.5)
            if engram is None:
                out = subprocess.run(["pgrep", "-s", str(proc.pid), "-x", "engram"],
                                     capture_output=True, text=True)
                engram = int(out.stdout.split()[0]) if out.stdout.split() else None
            cards = count_cards(cli, db, env)
            if engram is not None:
                try:
                    with open(f"/proc/{engram}/maps") as f:
                        files = {line.split()[-1] for line in f}
                    mapped = sorted(p for p in files if p.endswith("libengram-web.so"))
                    catalogues = sorted(p for p in files if p.endswith("/engram.mo"))
                except OSError:
                    mapped = []
            if cards == CARDS and mapped:
                break
        problems = []
        if proc.poll() is not None:
            problems.append(f"engram exited with {proc.returncode}")
        module = os.path.join(tree, libdir, "engram", "libengram-web.so")
        if mapped != [module]:
            problems.append(f"the web module loaded is {mapped}, not {module}")
        check("engram starts and loads the web module from the moved tree", problems)

        catalogue = os.path.join(tree, "share", "locale", "de", "LC_MESSAGES", "engram.mo")
        check("the German translation is read from the moved tree",
              [] if catalogues == [catalogue] else [f"{catalogues}, not [{catalogue}]"])

        check(f"the first start imports the shipped deck ({cards} cards)",
              [] if cards == CARDS else [f"{cards} cards in {db}, not {CARDS}"])

        time.sleep(3)  # the table and the preview are drawn
        shot = os.path.join(tmp, "relocated-run.png")
        problems = screenshot_problems(fbdir, shot)
        out = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "Engram"],
                             capture_output=True, text=True, env=env)
        if not out.stdout.split():
            problems.append("no Engram window is shown")
        if KEEP_SHOT and os.path.exists(shot):
            shutil.copy(shot, KEEP_SHOT)
        check("the library is shown (a window, a screenshot that is not blank)", problems)
    finally:
        stop(proc)
        xvfb.terminate()
        xvfb.wait()
        log.seek(0)
        output = log.read()
        # the app's own GLib messages (not those of the session's D-Bus
        # services, portals and accessibility bus)
        warnings = [line for line in output.splitlines()
                    if re.search(r"\((?:engram|WebKit\w*):\d+\).*(?:WARNING|CRITICAL)", line)]
        for line in [l for l in output.splitlines() if l.strip()][-10:]:
            print(f"# output: {line}")
    check("no warning or critical message from engram", warnings)


def stop(proc):
    """Ends the app and everything its D-Bus session started."""
    def session():
        out = subprocess.run(["pgrep", "-s", str(proc.pid)], capture_output=True, text=True)
        return [int(p) for p in out.stdout.split()]

    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    deadline = time.monotonic() + 10
    while session() and time.monotonic() < deadline:
        time.sleep(0.2)
    for pid in session():
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as tmpdir:
    main(tmpdir)
