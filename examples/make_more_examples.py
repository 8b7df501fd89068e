#!/usr/bin/env python3
"""Writes synthetic example response files for ECR-S, ECR-RS, RQ, RSQ and AAS in examples/.

    python3 examples/make_more_examples.py      # from the repository root

The data are SYNTHETIC: no person answered them. Each respondent is planted in one of the
four patterns (secure, preoccupied, dismissing, fearful) with latent levels for the
instrument's scales; answers are those levels plus noise, rounded onto the response scale,
and reverse-keyed items are stored reversed, as a respondent would answer them. A few cells
are left empty. The keys below copy instruments/<id>.yaml; keep them in step. Deterministic:
a fixed seed per instrument, Python's standard library only.
"""

import csv
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
PATTERNS = ["secure", "preoccupied", "dismissing", "fearful"]
PER_PATTERN = 8
NOISE = 0.8


def clamp_round(x, low, high):
    return int(min(high, max(low, round(x))))


def write(name, header, rows):
    path = os.path.join(HERE, name)
    with open(path, "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(header)
        out.writerows(rows)
    print(f"wrote {path} ({len(rows)} respondents)")


def blank_some(rng, rows, count, first_col=1):
    """Empties `count` random answer cells (never the id column)."""
    for _ in range(count):
        r = rng.randrange(len(rows))
        c = rng.randrange(first_col, len(rows[r]))
        rows[r][c] = ""


def answer(rng, level, low, high, reversed_item):
    x = clamp_round(level + rng.gauss(0, NOISE), low, high)
    return low + high - x if reversed_item else x


# Latent (anxiety, avoidance) per pattern on a 1-7 scale.
DIMENSIONAL_1_7 = {"secure": (2.3, 2.2), "preoccupied": (5.7, 2.4), "dismissing": (2.4, 5.6),
                   "fearful": (5.6, 5.7)}


def make_ecr_s():
    # instruments/ecr-s.yaml: anxiety 2,4,6,8,10,12; avoidance 1,3,5,7,9,11; reversed 1,5,8,9.
    rng = random.Random(7101)
    anxiety_items, reversed_items = {2, 4, 6, 8, 10, 12}, {1, 5, 8, 9}
    rows = []
    for p, pattern in enumerate(PATTERNS):
        for i in range(PER_PATTERN):
            anx, avo = DIMENSIONAL_1_7[pattern]
            anx += rng.gauss(0, 0.3)
            avo += rng.gauss(0, 0.3)
            row = [f"S{p * PER_PATTERN + i + 1:03d}"]
            for n in range(1, 13):
                row.append(answer(rng, anx if n in anxiety_items else avo, 1, 7, n in reversed_items))
            rows.append(row)
    blank_some(rng, rows, 6)
    write("ecr-s.csv", ["id"] + [f"Q{n}" for n in range(1, 13)], rows)


def make_ecr_rs():
    # instruments/ecr-rs.yaml: per domain avoidance 1-6 (1-4 reversed), anxiety 7-9.
    rng = random.Random(7102)
    domains = ["mother", "father", "partner", "friend"]
    rows = []
    for p, pattern in enumerate(PATTERNS):
        for i in range(PER_PATTERN):
            anx, avo = DIMENSIONAL_1_7[pattern]
            row = [f"R{p * PER_PATTERN + i + 1:03d}"]
            skip_father = i == 0          # one respondent per pattern skipped the father domain
            for d in domains:
                d_anx, d_avo = anx + rng.gauss(0, 0.5), avo + rng.gauss(0, 0.5)
                for n in range(1, 10):
                    if skip_father and d == "father":
                        row.append("")
                        continue
                    row.append(answer(rng, d_avo if n <= 6 else d_anx, 1, 7, n <= 4))
            rows.append(row)
    blank_some(rng, rows, 8)
    write("ecr-rs.csv", ["id"] + [f"{d}_{n}" for d in domains for n in range(1, 10)], rows)


def make_rq():
    # instruments/rq.yaml: four 1-7 ratings by prototype name; forced choice codes
    # 1 secure, 2 fearful, 3 preoccupied, 4 dismissing.
    rng = random.Random(7103)
    columns = ["secure", "fearful", "preoccupied", "dismissing"]
    code = {"secure": 1, "fearful": 2, "preoccupied": 3, "dismissing": 4}
    rows = []
    for p, pattern in enumerate(PATTERNS):
        for i in range(PER_PATTERN):
            ratings = {c: clamp_round(rng.gauss(2.8, 1.0), 1, 5) for c in columns}
            ratings[pattern] = clamp_round(rng.gauss(6.2, 0.6), 6, 7)
            rows.append([f"Q{p * PER_PATTERN + i + 1:03d}", code[pattern]] + [ratings[c] for c in columns])
    # Ties on purpose: settled by the forced choice, not settled by it, and no forced choice.
    rows.append(["T001", 2, 6, 6, 2, 3])       # secure = fearful, forced choice fearful
    rows.append(["T002", 3, 5, 2, 2, 5])       # secure = dismissing, forced choice preoccupied
    rows.append(["T003", "", 4, 4, 4, 1])      # three-way tie, no forced choice
    rows.append(["T004", 1, 7, "", 3, 2])      # a missing rating
    write("rq.csv", ["id", "RQ_choice"] + [f"RQ_{c}" for c in columns], rows)


def make_rsq():
    # instruments/rsq.yaml (1-5): secure 3, 9R, 10, 15, 28R; fearful 1, 5, 12, 24;
    # preoccupied 6R, 8, 16, 25; dismissing 2, 6, 19, 22, 26. Item 6 follows dismissing.
    rng = random.Random(7104)
    keys = {"secure": [3, 9, 10, 15, 28], "fearful": [1, 5, 12, 24], "preoccupied": [8, 16, 25],
            "dismissing": [2, 6, 19, 22, 26]}
    reversed_items = {9, 28}
    rows = []
    for p, pattern in enumerate(PATTERNS):
        for i in range(PER_PATTERN):
            level = {k: rng.gauss(2.0, 0.3) for k in keys}
            level[pattern] = rng.gauss(4.3, 0.3)
            item_level = {n: 3.0 for n in range(1, 31)}     # unscored items: the middle
            for k, items in keys.items():
                for n in items:
                    item_level[n] = level[k]
            row = [f"Q{p * PER_PATTERN + i + 1:03d}"]
            for n in range(1, 31):
                row.append(answer(rng, item_level[n], 1, 5, n in reversed_items))
            rows.append(row)
    blank_some(rng, rows, 8)
    write("rsq.csv", ["id"] + [f"Q{n}" for n in range(1, 31)], rows)


def make_aas():
    # instruments/aas.yaml (1-5): close 1,6,8,12,13,17; depend 2,5,7,14,16,18;
    # anxiety 3,4,9,10,11,15; reversed 2,7,8,13,16,17,18.
    rng = random.Random(7105)
    close, depend = {1, 6, 8, 12, 13, 17}, {2, 5, 7, 14, 16, 18}
    reversed_items = {2, 7, 8, 13, 16, 17, 18}
    # Latent (closeness/dependence, anxiety): Collins' rule compares both with 3.
    latent = {"secure": (4.1, 1.9), "preoccupied": (4.0, 4.1), "dismissing": (1.9, 2.0),
              "fearful": (2.0, 4.0)}
    rows = []
    for p, pattern in enumerate(PATTERNS):
        for i in range(PER_PATTERN):
            cd, anx = latent[pattern]
            cd += rng.gauss(0, 0.25)
            anx += rng.gauss(0, 0.25)
            row = [f"A{p * PER_PATTERN + i + 1:03d}"]
            for n in range(1, 19):
                level = cd if (n in close or n in depend) else anx
                row.append(answer(rng, level, 1, 5, n in reversed_items))
            rows.append(row)
    blank_some(rng, rows, 6)
    write("aas.csv", ["id"] + [f"Q{n}" for n in range(1, 19)], rows)


def main():
    make_ecr_s()
    make_ecr_rs()
    make_rq()
    make_rsq()
    make_aas()


if __name__ == "__main__":
    main()
