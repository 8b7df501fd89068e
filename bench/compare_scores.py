"""compare_scores.py: checks that two score CSVs agree, row by row, in input order.

    python3 bench/compare_scores.py REFERENCE.csv OTHER.csv [COLUMN ...]

Compares the named numeric columns (default: anxiety avoidance), matched by header name;
rows are matched by position, so the check also proves that OTHER kept input order. An
empty cell and "NA"/"NaN" mean missing; missing must match missing. Prints one line:
"rows=N max_abs_diff anxiety=... avoidance=... id_mismatches=M missing_mismatches=K" and
exits 1 when the files have different row counts or any id/missing mismatch. Standard
library only (no pandas), so it runs under any python3.
"""

import csv
import math
import sys

MISSING = {"", "NA", "NaN", "nan", "NAN"}


def value(text):
    return math.nan if text.strip() in MISSING else float(text)


def main(argv):
    if len(argv) < 3:
        sys.stderr.write(__doc__)
        return 2
    columns = argv[3:] or ["anxiety", "avoidance"]
    with open(argv[1], newline="") as reference_file, open(argv[2], newline="") as other_file:
        reference = csv.reader(reference_file)
        other = csv.reader(other_file)
        reference_header = next(reference)
        other_header = next(other)
        for column in columns + ["id"]:
            if column not in reference_header or column not in other_header:
                sys.stderr.write(f"column '{column}' missing from one of the files\n")
                return 1
        pairs = [(reference_header.index(c), other_header.index(c)) for c in columns]
        reference_id = reference_header.index("id")
        other_id = other_header.index("id")
        max_diff = [0.0] * len(columns)
        rows = id_mismatches = missing_mismatches = 0
        for reference_row, other_row in zip(reference, other):
            rows += 1
            if reference_row[reference_id] != other_row[other_id]:
                id_mismatches += 1
            for index, (r, o) in enumerate(pairs):
                a, b = value(reference_row[r]), value(other_row[o])
                if math.isnan(a) or math.isnan(b):
                    missing_mismatches += math.isnan(a) != math.isnan(b)
                else:
                    max_diff[index] = max(max_diff[index], abs(a - b))
        extra = sum(1 for _ in reference) + sum(1 for _ in other)
    diffs = " ".join(f"{c}={d:.3g}" for c, d in zip(columns, max_diff))
    print(f"rows={rows} max_abs_diff {diffs} id_mismatches={id_mismatches} "
          f"missing_mismatches={missing_mismatches} unmatched_rows={extra}")
    return 1 if (id_mismatches or missing_mismatches or extra) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
