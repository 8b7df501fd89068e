#!/usr/bin/env python3
"""Checks that attune analyze says the same thing in every format.

Usage: analysis_formats_agree.py ATTUNE ANALYZE-ARGS...
Runs `ATTUNE analyze ARGS` with -f json, -f csv and -f table, walks every statistic in the
JSON and requires (1) the tidy CSV row (block, scale, item, statistic) with the same number
(empty for JSON's null, 1/0 for true/false), and no CSV row the JSON lacks (check.keys rows
aside: the JSON holds their messages); (2) the statistic's psych name in the text, every
string (instrument, scale, item, message) in the text, and each reversed item labelled `Q9-`
as psych prints it. Prints what it checked; exits 1 naming the first differences.
"""
import csv
import io
import json
import re
import subprocess
import sys

attune, args = sys.argv[1], sys.argv[2:]


def run(fmt):
    return subprocess.run([attune, "analyze", *args, "-f", fmt], check=True, capture_output=True, text=True).stdout


report, table, text = json.loads(run("json")), list(csv.DictReader(io.StringIO(run("csv")))), run("table")
rows = {(r["block"], r["scale"], r["item"], r["statistic"]): r["value"] for r in table}
seen, problems, names, strings = set(), [], set(), set()


def csv_has(block, scale, item, statistic, value):
    key = (block, scale, item, statistic)
    seen.add(key)
    if key not in rows:
        problems.append(f"CSV lacks {key}")
        return
    got = rows[key]
    if value is None:
        want_ok = got == ""
    elif isinstance(value, bool):
        want_ok = got == ("1" if value else "0")
    elif isinstance(value, str):   # "Inf" / "-Inf"
        want_ok = float(got) == float(value)
    else:
        want_ok = got != "" and float(got) == float(value)
    if not want_ok:
        problems.append(f"CSV {key} = {got!r}, JSON {value!r}")


def stats(block, scale, item, obj, skip=()):
    for name, value in obj.items():
        if name in skip:
            continue
        names.add(name)
        csv_has(block, scale, item, name, value)


strings.add(report["instrument"])
strings.update(report["skipped"])
names.add("rows")
for s in report["scales"]:
    name = s["scale"]
    strings.add(name)
    assert s["n"] == report["rows"]
    csv_has("total", name, "", "n", s["n"])
    for block in ("total", "feldt", "duhachek", "splitHalf", "boot.ci"):
        if block in s:
            stats(block, name, "", s[block])
    omega = s["omega"]   # its CSV block is the statistic's full name; its bootstrap omega.boot.ci
    strings.add(omega["name"])
    stats(omega["name"], name, "", omega, skip=("name", "note", "boot.ci"))
    if "boot.ci" in omega:
        stats("omega.boot.ci", name, "", omega["boot.ci"])
    for it in s["items"]:
        item = it["item"]
        strings.add(item + ("-" if it["reversed"] else ""))
        if it["reversed"] and not re.search(rf"^{re.escape(item)}- ", text, re.M):
            problems.append(f"text does not label reversed item {item} as {item}-")
        stats("item.stats", name, item, it, skip=("item", "alpha.drop", "omega.drop", "response.freq", "miss"))
        stats("alpha.drop", name, item, it["alpha.drop"])
        stats("omega.drop", name, item, it["omega.drop"])
        for freq in it["response.freq"]:
            csv_has("response.freq", name, item, f"{freq['response']:g}", freq["proportion"])
        csv_has("response.freq", name, item, "miss", it["miss"])
        names.add("miss")
    strings.update(s["check.keys"])
    flagged = {r["item"] for r in table if r["block"] == "check.keys" and r["scale"] == name}
    if len(flagged) != len(s["check.keys"]):
        problems.append(f"scale {name}: {len(s['check.keys'])} check.keys messages, CSV check.keys rows for {sorted(flagged)}")
    if any(f"{v:g}" not in text.split("Non missing response frequency")[1].split("\n")[1].split()
           for v in [f["response"] for f in s["items"][0]["response.freq"]]):
        problems.append(f"scale {name}: the text's frequency header lacks a response value")
for block in ("cor", "corrected"):
    if block in report:
        names.add(block)
        scales = [s["scale"] for s in report["scales"]]
        for i, row in enumerate(report[block]):
            for j, value in enumerate(row):
                csv_has(block, scales[i], scales[j], "r", value)
extra = [k for k in rows if k not in seen and k[0] != "check.keys"]
if extra:
    problems.append(f"CSV rows the JSON lacks: {extra[:5]}")
for name in sorted(names):
    if not re.search(rf"(?<![\w.]){re.escape(name)}(?![\w(])", text):
        problems.append(f"text lacks the statistic {name!r}")
for string in sorted(strings):
    if string not in text:
        problems.append(f"text lacks {string!r}")
if problems:
    print("\n".join(problems[:20]))
    sys.exit(1)
print(f"{len(seen)} JSON statistics found in the CSV; {len(names)} statistic names and {len(strings)} names in the text")
