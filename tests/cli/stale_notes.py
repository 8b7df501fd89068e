#!/usr/bin/env python3
"""Stale developer text must not reach users through `attune describe`: no shipped definition
(instruments/*.yaml) may name a repository file that does not exist (a path such as
notes/x.md, outside a URL) or speak of developer notes ("proposed in", "TODO", "FIXME").
Usage: stale_notes.py ROOT; prints each finding and exits 1, else one summary line."""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1])
# A relative path with a folder and a file extension; URLs are cut out first.
PATH = re.compile(r"(?<![\w./~-])((?:[\w.-]+/)+[\w.-]+\.(?:md|R|py|csv|ya?ml|cpp|h|txt|sh))\b")
URL = re.compile(r"\b(?:https?|ftp)://\S+")
DEVELOPER = re.compile(r"proposed in|\bTODO\b|\bFIXME\b|\bXXX\b|\bnotes/", re.IGNORECASE)

definitions = sorted((root / "instruments").glob("*.yaml"))
findings = []
for definition in definitions:
    for number, line in enumerate(definition.read_text(encoding="utf-8").splitlines(), 1):
        text = URL.sub("", line)
        for path in PATH.findall(text):
            if not (root / path).exists():
                findings.append(f"{definition.name}:{number}: names {path}, which does not exist")
        if DEVELOPER.search(text):
            findings.append(f"{definition.name}:{number}: developer text: {line.strip()}")
for finding in findings:
    print(finding)
if findings or not definitions:
    sys.exit(1)
print(f"{len(definitions)} shipped definitions read, no stale developer text")
