#!/usr/bin/env python3
"""Writes the synthetic example response files in examples/.

    python3 examples/make_examples.py            # from the repository root

The data are SYNTHETIC: no person answered them. Each respondent gets a latent anxiety and
avoidance level; item answers are that level plus noise, rounded to the 1-7 scale, and
reverse-keyed items are stored reversed (8 - x), as a real respondent would answer them.
Respondents are planted in all four quadrants of the midpoint rule (cut-off 4), a few cells
are left empty, and one respondent has every avoidance item missing (so it stays
unclassified). Output is deterministic: a fixed seed per instrument, Python's standard
library only.

To add an instrument: write its key as a Key (items per scale, reversed items), add a
function like make_ecr_r() that calls write_instrument(), and call it from main().
"""

import csv
import os
import random
from dataclasses import dataclass, field

HERE = os.path.dirname(os.path.abspath(__file__))
SCALE_MIN, SCALE_MAX = 1, 7
MIDPOINT = (SCALE_MIN + SCALE_MAX) / 2


@dataclass
class Key:
    """An instrument's scoring key, as in instruments/<id>.yaml."""
    item_count: int
    anxiety: list           # item numbers of the anxiety scale
    avoidance: list         # item numbers of the avoidance scale
    reversed_items: set = field(default_factory=set)


# instruments/ecr-r.yaml (Fraley, Waller & Brennan 2000; Fraley's item listing).
ECR_R = Key(
    item_count=36,
    anxiety=list(range(1, 19)),
    avoidance=list(range(19, 37)),
    reversed_items={9, 11, 20, 22, 26, 27, 28, 29, 30, 31, 33, 34, 35, 36},
)

# instruments/ecr.yaml (Brennan, Clark & Shaver 1998): odd = avoidance, even = anxiety.
ECR = Key(
    item_count=36,
    anxiety=list(range(2, 37, 2)),
    avoidance=list(range(1, 37, 2)),
    reversed_items={3, 15, 19, 22, 25, 27, 29, 31, 33, 35},
)

# Latent (anxiety, avoidance) centres: ten respondents per quadrant, then a few near the
# middle so the sample is not perfectly separated.
QUADRANT_CENTRES = [
    ("secure", 2.4, 2.3),
    ("preoccupied", 5.6, 2.5),
    ("dismissing", 2.5, 5.5),
    ("fearful", 5.5, 5.6),
]
PER_QUADRANT = 9
MIDDLE = 4                    # respondents with latent levels near the midpoint
EMPTY_CELLS = 8               # scattered missing answers
ITEM_NOISE = 0.9              # sd of an answer around the latent level
PERSON_NOISE = 0.35           # sd of a respondent's latent level around the centre


def clamp_round(x):
    return int(min(SCALE_MAX, max(SCALE_MIN, round(x))))


def answers_for(rng, key, anxiety, avoidance):
    """One respondent's raw answers (reversed items stored reversed), item 1 first."""
    level = {n: anxiety for n in key.anxiety}
    level.update({n: avoidance for n in key.avoidance})
    row = []
    for n in range(1, key.item_count + 1):
        keyed = clamp_round(level[n] + rng.gauss(0, ITEM_NOISE))
        row.append(SCALE_MIN + SCALE_MAX - keyed if n in key.reversed_items else keyed)
    return row


def mean_score(row, key, items):
    """The scale mean after reverse keying over answered items, or None."""
    vals = []
    for n in items:
        cell = row[n - 1]
        if cell == "":
            continue
        vals.append(SCALE_MIN + SCALE_MAX - cell if n in key.reversed_items else cell)
    return sum(vals) / len(vals) if vals else None


def quadrant(anx, avo):
    if anx is None or avo is None:
        return None
    return {(False, False): "secure", (True, False): "preoccupied",
            (False, True): "dismissing", (True, True): "fearful"}[(anx > MIDPOINT, avo > MIDPOINT)]


def make_rows(rng, key):
    """Synthetic respondents for `key`: (id, answers) with '' for missing cells."""
    latents = []
    for _name, anx, avo in QUADRANT_CENTRES:
        for _ in range(PER_QUADRANT):
            latents.append((anx + rng.gauss(0, PERSON_NOISE), avo + rng.gauss(0, PERSON_NOISE)))
    for _ in range(MIDDLE):
        latents.append((MIDPOINT + rng.gauss(0, 0.6), MIDPOINT + rng.gauss(0, 0.6)))
    rng.shuffle(latents)
    rows = [answers_for(rng, key, anx, avo) for anx, avo in latents]

    # One respondent (the 7th) skipped every avoidance item: unclassified.
    for n in key.avoidance:
        rows[6][n - 1] = ""
    # A few scattered empty cells elsewhere.
    blanked = 0
    while blanked < EMPTY_CELLS:
        r = rng.randrange(len(rows))
        c = rng.randrange(key.item_count)
        if r != 6 and rows[r][c] != "":
            rows[r][c] = ""
            blanked += 1
    return [(f"P{i + 1:03d}", row) for i, row in enumerate(rows)]


def check_quadrants(rows, key, name):
    """Every quadrant must hold at least two respondents clearly away from the cut-off."""
    clear = {q: 0 for q, _, _ in QUADRANT_CENTRES}
    unclassified = 0
    for _id, row in rows:
        anx = mean_score(row, key, key.anxiety)
        avo = mean_score(row, key, key.avoidance)
        q = quadrant(anx, avo)
        if q is None:
            unclassified += 1
        elif abs(anx - MIDPOINT) >= 0.5 and abs(avo - MIDPOINT) >= 0.5:
            clear[q] += 1
    if min(clear.values()) < 2 or unclassified != 1:
        raise SystemExit(f"{name}: quadrants {clear}, unclassified {unclassified}; change the seed")
    return clear


def write_instrument(file_name, key, seed):
    rng = random.Random(seed)
    rows = make_rows(rng, key)
    clear = check_quadrants(rows, key, file_name)
    path = os.path.join(HERE, file_name)
    with open(path, "w", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["id"] + [f"Q{n}" for n in range(1, key.item_count + 1)])
        for rid, row in rows:
            writer.writerow([rid] + row)
    print(f"wrote {path}: {len(rows)} respondents; clear quadrant counts {clear}")


def make_ecr_r():
    write_instrument("ecr-r.csv", ECR_R, seed=20000350)


def make_ecr():
    write_instrument("ecr.csv", ECR, seed=19980046)


def make_qualtrics_ecr_r():
    """The ECR-R example as a Qualtrics "numeric values" export: three header rows (column
    names, question texts, ImportId JSON), ResponseId as the id, semicolon-free, CRLF line ends.
    The question texts are placeholders, never the published item wording."""
    rows = list(csv.reader(open(os.path.join(HERE, "ecr-r.csv"), newline="")))
    names = ["StartDate", "EndDate", "ResponseId", "Duration (in seconds)"] + rows[0][1:]
    texts = ["Start Date", "End Date", "Response ID", "Duration (in seconds)"] + [
        f"ECR-R item {n} (text not reproduced)" for n in range(1, 37)]
    imports = ['{"ImportId":"startDate","timeZone":"UTC"}', '{"ImportId":"endDate","timeZone":"UTC"}',
               '{"ImportId":"_recordId"}', '{"ImportId":"duration"}'] + [
        '{"ImportId":"QID%d"}' % n for n in range(1, 37)]
    path = os.path.join(HERE, "qualtrics-ecr-r.csv")
    with open(path, "w", newline="") as out:
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(names)
        writer.writerow(texts)
        writer.writerow(imports)
        for i, row in enumerate(rows[1:]):
            minute = 10 + i
            writer.writerow([f"2026-01-05 09:{minute:02d}:00", f"2026-01-05 09:{minute + 7:02d}:30",
                             "R_" + row[0], str(420 + 3 * i)] + row[1:])
    print(f"wrote {path}: {len(rows) - 1} respondents (Qualtrics layout)")


def main():
    make_ecr_r()
    make_ecr()
    make_qualtrics_ecr_r()


if __name__ == "__main__":
    main()
