#!/usr/bin/env python3
"""Writes examples/panel-long.csv, a SYNTHETIC long panel for `attune change`.

    python3 examples/make_panel.py            # from the repository root

No person answered it. 60 couples (dyad d01..d60, persons d01a and d01b) answer the ECR-R at
months 0, 3, 6, 9 and 12, one row per person x month (the shape real panels come in). Each
person has a latent anxiety and avoidance that drifts a little each wave; about a fifth of the
people move towards security over the year and a few away from it, partners share part of
their level, and item answers are the latent level plus noise, rounded to 1..7, with the
reverse-keyed items stored reversed (8 - x). Three people miss a wave (so matching reports
them). Deterministic: a fixed seed, Python's standard library only.
"""

import csv
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
ANXIETY_REVERSED = {9, 11}
AVOIDANCE_REVERSED = {20, 22, 26, 27, 28, 29, 30, 31, 33, 34, 35, 36}
MONTHS = [0, 3, 6, 9, 12]


def answer(rng, level, reversed_item):
    x = min(7, max(1, round(level + rng.gauss(0, 0.9))))
    return 8 - x if reversed_item else x


def main():
    rng = random.Random(20261206)
    rows = []
    people = []
    for d in range(1, 61):
        shared_anx, shared_avo = rng.gauss(3.6, 0.8), rng.gauss(3.4, 0.8)
        for partner in "ab":
            anx = shared_anx + rng.gauss(0, 0.7)
            avo = shared_avo + rng.gauss(0, 0.7)
            trend = rng.choices([-0.35, 0.0, 0.2], weights=[2, 7, 1])[0]   # per wave
            people.append((f"d{d:02d}", f"d{d:02d}{partner}", anx, avo, trend))
    missing = {("d07b", 6), ("d23a", 12), ("d41b", 3)}
    for month_index, month in enumerate(MONTHS):
        for dyad, person, anx, avo, trend in people:
            if (person, month) in missing:
                continue
            a = anx + trend * month_index + rng.gauss(0, 0.15)
            v = avo + trend * month_index + rng.gauss(0, 0.15)
            items = [answer(rng, a, i in ANXIETY_REVERSED) for i in range(1, 19)]
            items += [answer(rng, v, i in AVOIDANCE_REVERSED) for i in range(19, 37)]
            rows.append([dyad, person, month] + items)
    with open(os.path.join(HERE, "panel-long.csv"), "w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["dyad", "person", "month"] + [f"Q{i}" for i in range(1, 37)])
        writer.writerows(rows)


if __name__ == "__main__":
    main()
