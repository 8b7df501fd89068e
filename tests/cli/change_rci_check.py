#!/usr/bin/env python3
"""Recomputes `attune change`'s reliable change from `attune score`'s scores of each wave.

    change_rci_check.py WAVE1_SCORES.csv WAVE2_SCORES.csv CHANGE.csv R_XX Z

Independently of attune's change code: SD1 is wave 1's sample SD (n - 1) per score, S_diff =
sqrt(2) * SD1 * sqrt(1 - r_xx), RCI = (x2 - x1) / S_diff (Jacobson & Truax 1991), verdict at
|RCI| > Z (lower is better for anxiety and avoidance). Every matched id must be a row of
CHANGE.csv with these values (1e-9), in wave 2's order, and no other row.
"""
import csv
import math
import statistics
import sys

w1_path, w2_path, change_path, rxx, z = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4]), float(sys.argv[5])
w1 = {r["id"]: r for r in csv.DictReader(open(w1_path))}
w2 = list(csv.DictReader(open(w2_path)))
out = list(csv.DictReader(open(change_path)))
scores = ["anxiety", "avoidance"]
s_diff = {}
for s in scores:
    values = [float(r[s]) for r in w1.values() if r[s] != ""]
    s_diff[s] = math.sqrt(2) * statistics.stdev(values) * math.sqrt(1 - rxx)
expected = [r for r in w2 if r["id"] in w1]
assert len(out) == len(expected), f"{len(out)} rows, expected {len(expected)}"
for got, later in zip(out, expected):
    assert got["id"] == later["id"], (got["id"], later["id"])
    for s in scores:
        x1, x2 = float(w1[later["id"]][s]), float(later[s])
        rci = (x2 - x1) / s_diff[s]
        verdict = "no reliable change" if abs(rci) <= z else ("reliably improved" if rci < 0 else "reliably worsened")
        assert abs(float(got[s + "_rci"]) - rci) < 1e-9, (later["id"], s, got[s + "_rci"], rci)
        assert abs(float(got[s + "_diff"]) - (x2 - x1)) < 1e-12
        assert got[s + "_change"] == verdict, (later["id"], s, got[s + "_change"], verdict)
    assert got["pattern_1"] == w1[later["id"]]["pattern"] and got["pattern_2"] == later["pattern"]
print(f"{len(out)} rows agree")
