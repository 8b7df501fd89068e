#!/usr/bin/env python3
"""Compares attune's score CSV with a psych fixture (make_score_fixtures.R): same ids in the same
order, every fixture column within 1e-8, a missing score (empty cell) missing in both.
  python3 tests/reference/compare_scores.py ATTUNE.csv FIXTURE.csv"""
import csv
import math
import sys

TOLERANCE = 1e-8


def read(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def number(text):
    return math.nan if text in ("", "NA", "NaN") else float(text)


def main(ours_path, fixture_path):
    ours, psych = read(ours_path), read(fixture_path)
    if len(ours) != len(psych) or not psych:
        print(f"{ours_path}: {len(ours)} rows, {fixture_path}: {len(psych)}")
        return 1
    problems, worst = 0, 0.0
    for line, (a, p) in enumerate(zip(ours, psych), start=2):
        if a.get("id") != p["id"]:
            print(f"line {line}: id {a.get('id')!r}, psych {p['id']!r}")
            problems += 1
        for column in p:
            if column == "id":
                continue
            got, want = number(a.get(column, "x")), number(p[column])
            if math.isnan(want) != math.isnan(got) or (not math.isnan(want) and abs(got - want) > TOLERANCE):
                print(f"line {line} ({p['id']}), {column}: attune {a.get(column)!r}, psych {p[column]!r}")
                problems += 1
            elif not math.isnan(want):
                worst = max(worst, abs(got - want))
    print(f"{len(psych)} rows compared with {fixture_path}: {problems} differences, max |diff| {worst:.3g}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
