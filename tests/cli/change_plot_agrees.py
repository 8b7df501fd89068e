#!/usr/bin/env python3
"""change_plot_agrees.py SVG STDERR: fails unless SVG is well-formed XML (xmllint --noout; a
missing xmllint fails too) and every cell of every transition matrix in `attune change`'s
STDERR (count and row percent) equals the SVG's cell of that pair, row and column (the count
text's data-panel/data-from/data-to, its percent the next text). States the SVG leaves out
must be 0 on stderr. Prints how many panels and cells agreed."""
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

svg_path, stderr_path = sys.argv[1], sys.argv[2]
if not shutil.which("xmllint"):
    sys.exit("xmllint is not installed: the SVG cannot be checked")
if subprocess.run(["xmllint", "--noout", svg_path]).returncode != 0:
    sys.exit(f"{svg_path} is not well-formed XML")
texts = [t for t in ET.parse(svg_path).iter() if t.tag.endswith("}text")]
cells = {}
for i, t in enumerate(texts):
    if t.get("class") == "count":
        following = texts[i + 1] if i + 1 < len(texts) else None
        percent = following.text if following is not None and following.get("class") == "percent" else None
        cells[(t.get("data-panel"), t.get("data-from"), t.get("data-to"))] = (t.text, percent)

panel, states, checked, seen_panels = 0, [], 0, set()
for line in open(stderr_path, encoding="utf-8"):
    header = re.match(r"wave \S+ \\ \S+\s+(.*?)\s+total$", line.rstrip("\n"))
    if header:
        panel += 1
        states = header.group(1).split()
        continue
    if not states or line.startswith("---"):
        continue
    row = re.match(r"(\S+)\s+(.*)\s+(\d+)$", line.rstrip("\n"))
    if not row or row.group(1) not in states:
        states = []
        continue
    values = re.findall(r"(\d+)(?: \((\d+\.\d)%\))?", row.group(2))
    if len(values) != len(states):
        sys.exit(f"cannot read the stderr row: {line!r}")
    for to, (count, percent) in zip(states, values):
        key = (str(panel), row.group(1), to)
        if key not in cells:
            if count != "0":
                sys.exit(f"panel {panel}: {row.group(1)} -> {to} is {count} on stderr but not in the SVG")
            continue
        shown = cells[key]
        want = (count, f"{percent}%" if percent else None)
        if shown != want:
            sys.exit(f"panel {panel}: {row.group(1)} -> {to}: the SVG shows {shown}, stderr {want}")
        checked += 1
        seen_panels.add(panel)
if checked != len(cells):
    sys.exit(f"the SVG has {len(cells)} cells, stderr's matrices {checked}")
print(f"{len(seen_panels)} panels, {checked} cells agree")
