#!/usr/bin/python3
"""What Flathub asks of the metainfo beyond appstreamcli's validation (TAP).

usage: check-metainfo.py METAINFO SCREENSHOTS_DIR VERSION

The screenshots are taken by data/screenshots/take-screenshots.sh; the
metainfo names them by their URL in the repository, so each must exist in
SCREENSHOTS_DIR.
"""
import os
import struct
import sys
import xml.etree.ElementTree as ET

metainfo, shots_dir, version = sys.argv[1:4]
root = ET.parse(metainfo).getroot()
results = []


def check(desc, ok, why=""):
    results.append((desc, ok, why))


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return struct.unpack(">II", head[16:24])


shots = root.findall("screenshots/screenshot")
check("at least four screenshots", len(shots) >= 4, f"{len(shots)} found")
check("one default screenshot",
      sum(1 for s in shots if s.get("type") == "default") == 1)
for s in shots:
    image = (s.findtext("image") or "").strip()
    caption = (s.findtext("caption") or "").strip()
    name = os.path.basename(image)
    path = os.path.join(shots_dir, name)
    size = png_size(path) if os.path.exists(path) else None
    check(f"screenshot {name} has a caption", bool(caption))
    check(f"screenshot {name} is an https URL", image.startswith("https://"), image)
    check(f"screenshot {name} is a PNG in the tree, at least 1000 px wide",
          size is not None and size[0] >= 1000, f"{path}: {size}")

release = root.find(f"releases/release[@version='{version}']")
check(f"release {version} is listed", release is not None)
check(f"release {version} has notes",
      release is not None and release.find("description") is not None
      and len("".join(release.find("description").itertext()).strip()) > 40)
check("developer with an id and a name",
      root.find("developer") is not None and bool(root.find("developer").get("id"))
      and bool((root.findtext("developer/name") or "").strip()))
for kind in ("homepage", "bugtracker", "vcs-browser"):
    url = root.find(f"url[@type='{kind}']")
    check(f"{kind} URL", url is not None and (url.text or "").startswith("https://"))
for scheme in ("light", "dark"):
    color = root.find(f"branding/color[@type='primary'][@scheme_preference='{scheme}']")
    check(f"primary branding colour for the {scheme} style",
          color is not None and (color.text or "").startswith("#"))

print(f"1..{len(results)}")
for i, (desc, ok, why) in enumerate(results, 1):
    print(f"{'ok' if ok else 'not ok'} {i} - {desc}")
    if not ok and why:
        print(f"# {why}")
sys.exit(0 if all(ok for _, ok, _ in results) else 1)
