#!/usr/bin/env python3
"""Checks that `attune report`'s numbers are those of `attune score --summary` and `attune analyze`
on the same data (the report-* cases). The report is parsed as XML, so it must be well-formed.

Usage: report_numbers.py ATTUNE REPORT.html -i INSTRUMENT DATA [classification options] [--quality FLAGS]
Score gets the instrument, the data and the classification options; analyze the instrument
and the data. Prints what agreed; exits 1 naming the first number that does not.
"""
import csv
import io
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

XHTML = "{http://www.w3.org/1999/xhtml}"


def fail(message):
    print(f"MISMATCH: {message}")
    sys.exit(1)


def table(root, table_id):
    """{row heading: [cells]} of the table with this id."""
    for element in root.iter(XHTML + "table"):
        if element.get("id") == table_id:
            rows = {}
            for tr in element.iter(XHTML + "tr"):
                heading = tr.find(XHTML + "th[@scope='row']")
                if heading is not None:
                    rows[heading.text] = ["".join(td.itertext()) for td in tr.findall(XHTML + "td")]
            return rows
    return None


def element_text(root, element_id):
    for element in root.iter():
        if element.get("id") == element_id:
            return "".join(element.itertext())
    return None


def run(attune, *args):
    done = subprocess.run([attune, *args], capture_output=True, text=True)
    if done.returncode != 0:
        fail(f"attune {' '.join(args)} failed: {done.stderr}")
    return list(csv.DictReader(io.StringIO(done.stdout)))


def number(text):
    return int(text.replace(",", ""))


def main():
    attune, report, args = sys.argv[1], sys.argv[2], sys.argv[3:]
    quality = None
    if "--quality" in args:
        at = args.index("--quality")
        quality = args[at + 1]
        del args[at:at + 2]
    root = ET.parse(report).getroot()
    # Pattern counts: score --summary-only's pattern rows.
    counts = table(root, "pattern-counts")
    summary = [row for row in run(attune, "score", *args, "--summary-only", "-f", "csv") if row["kind"] == "pattern"]
    if counts is None or len(counts) != len(summary):
        fail(f"the report's pattern table has {counts and len(counts)} rows, score's summary {len(summary)}")
    for row in summary:
        if row["name"] not in counts or number(counts[row["name"]][0]) != int(row["n"]):
            fail(f"pattern {row['name']}: report {counts.get(row['name'])}, score --summary {row['n']}")
    print("patterns agree with score --summary: " + ", ".join(f"{r['name']} {r['n']}" for r in summary))
    # Alpha per scale and the weak items: analyze's.
    analysis = run(attune, "analyze", *args[:3], "-f", "csv")
    reliability = table(root, "reliability")
    alphas = [r for r in analysis if r["block"] == "total" and r["statistic"] == "raw_alpha"]
    if reliability is None or len(reliability) != len(alphas):
        fail("the report's reliability table does not have one row per analysed scale")
    for row in alphas:
        shown = reliability.get(row["scale"], [None, None])[1]
        if shown != f"{float(row['value']):.3f}":
            fail(f"alpha of {row['scale']}: report {shown}, analyze {row['value']}")
    print("alpha agrees with analyze: " + ", ".join(f"{r['scale']} {float(r['value']):.3f}" for r in alphas))
    omegas = [r for r in analysis if r["statistic"] == "omega.tot" and r["block"].startswith("omega total (one factor")
              and r["item"] == ""]
    if len(omegas) != len(alphas):
        fail(f"analyze gives {len(omegas)} omega totals for {len(alphas)} scales")
    for row in omegas:
        shown = reliability.get(row["scale"], [None, None, None])[2]
        if shown != f"{float(row['value']):.3f}":
            fail(f"omega total of {row['scale']}: report {shown}, analyze {row['value']}")
    print("omega total agrees with analyze: " + ", ".join(f"{r['scale']} {float(r['value']):.3f}" for r in omegas))
    weak = {(r["item"], r["scale"]) for r in analysis if r["block"] == "item.stats" and r["statistic"] == "weak"
            and float(r["value"]) == 1}
    listed = table(root, "weak-items") or {}
    shown = {(item, cells[0]) for item, cells in listed.items()}
    if not weak <= shown:
        fail(f"analyze's weak items {sorted(weak - shown)} are not in the report")
    print(f"weak items agree with analyze: {len(weak)}")
    if "--borderline" in args:
        rows = run(attune, "score", *args, "-f", "csv")
        flagged = sum("borderline" in row["flags"].split(";") for row in rows)
        text = element_text(root, "borderline") or ""
        found = re.search(r"Borderline: ([\d,]+) respondents", text)
        if not found or number(found.group(1)) != flagged:
            fail(f"borderline: report {text!r}, score's flags column {flagged}")
        print(f"borderline agrees with score's flags column: {flagged}")
    if quality:
        with open(quality, newline="") as handle:
            flagged = sum(1 for row in csv.DictReader(handle) if row["flags"].strip())
        text = element_text(root, "quality-summary") or ""
        found = re.match(r"([\d,]+) of the", text)
        if not found or number(found.group(1)) != flagged:
            fail(f"quality: report {text!r}, the flags file {flagged} flagged")
        print(f"quality flags agree with the flags file: {flagged}")


if __name__ == "__main__":
    main()
