#!/usr/bin/env bash
# Remakes psych.csv: psych::alpha (and the rest of make_analyze_fixtures.R) on
# tests/cli/data/ecr-on-1-to-5.csv, whose 0 cells mean no answer (--missing 0), keyed by the
# ECR's key on the 1..5 range (reversed items 6 - x, as --range 1:5). Run from the source tree
# with R, psych and a built attune (for the key). The data are examples/ecr.csv's answers
# mapped 1..7 -> 1..5 (round((x - 1) * 4 / 6) + 1) with every 53rd answer set to 0.
set -eu
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
python3 - "$work" <<'PY'
import csv, sys
rows = list(csv.reader(open("tests/cli/data/ecr-on-1-to-5.csv")))
with open(f"{sys.argv[1]}/data.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(rows[0][1:])
    for r in rows[1:]:
        w.writerow(["" if x in ("0", "") else x for x in r[1:]])
PY
./build/attune describe --instrument-path instruments ecr -f csv |
  awk -F, 'NR == 1 { print "scale,column,reversed,min,max"; next } { print $3 "," $1 "," ($4 == "yes") ",1,5" }' >"$work/keys.csv"
mkdir -p "$work/tests/reference"
(cd "$work" && Rscript "$OLDPWD/tests/reference/make_analyze_fixtures.R" data.csv keys.csv ecr_on_1_to_5)
cp "$work/tests/reference/analyze_ecr_on_1_to_5_expected.csv" tests/cli/cases/analyze-range-missing-as-psych/psych.csv
