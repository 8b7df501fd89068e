#!/usr/bin/env python3
"""The factor-formats-agree case: every number of `attune factor`'s JSON is in its CSV, and every
number of the CSV in the JSON (the same statistics in both formats, under psych's names).
Usage: factor_formats_agree.py REPORT.json REPORT.csv"""
import csv
import json
import sys


def numbers(value, out):
    if isinstance(value, bool):
        out.add(1.0 if value else 0.0)
    elif isinstance(value, (int, float)):
        out.add(float(value))
    elif isinstance(value, dict):
        for v in value.values():
            numbers(v, out)
    elif isinstance(value, list):
        for v in value:
            numbers(v, out)


with open(sys.argv[1]) as f:
    report = json.load(f)
from_json = set()
numbers(report, from_json)
from_csv = set()
with open(sys.argv[2], newline="") as f:
    rows = list(csv.DictReader(f))
for row in rows:
    if row["value"] != "":
        from_csv.add(float(row["value"]))
# Positions and counts the CSV holds as row labels or the JSON as keys, not as values.
only_json = {v for v in from_json - from_csv if not (v == int(v) and 0 <= v <= 1000)}
only_csv = {v for v in from_csv - from_json if not (v == int(v) and 0 <= v <= 1000)}
blocks = sorted({row["block"] for row in rows})
print("blocks:", " ".join(blocks))
print(f"{len(from_json)} numbers in JSON, {len(from_csv)} in CSV")
if only_json or only_csv:
    print("only in JSON:", sorted(only_json)[:10])
    print("only in CSV:", sorted(only_csv)[:10])
    sys.exit(1)
print("every number in both")
