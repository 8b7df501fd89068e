#!/usr/bin/env python3
"""Compares `attune factor -f json` (standard input) with psych::fa / KMO's numbers to 1e-6.

Usage: attune factor -i EXAMPLE ... -f json | factor_compare_psych.py EXPECTED.csv EXAMPLE

EXPECTED.csv is what tests/reference/make_factor_examples.R writes (example,table,row,column,
value): loadings, h2, u2, com by item name, Phi, values, e.values, fit (psych's names) and KMO's
overall MSA, psych's factor order being attune's. Prints every difference; exits 1 on any, or
when fewer than 50 values were compared.
"""
import csv
import json
import math
import sys


def close(got, want):
    if want == "NA":
        return got is None or (isinstance(got, float) and math.isnan(got))
    return got is not None and abs(got - float(want)) <= 1e-6 * max(1.0, abs(float(want)))


def main():
    report = json.load(sys.stdin)
    items = {i["item"]: i for i in report["items"]}
    fit = dict(report["fit"])
    fit.update({"RMSEA": report["fit"]["RMSEA"]["RMSEA"], "RMSEA.lower": report["fit"]["RMSEA"]["lower"],
                "RMSEA.upper": report["fit"]["RMSEA"]["upper"]})
    problems, compared = [], 0
    with open(sys.argv[1], newline="") as f:
        for row in csv.DictReader(f):
            if row["example"] != sys.argv[2]:
                continue
            table, r, c = row["table"], row["row"], row["column"]
            if table == "loadings":
                got = items[r]["loadings"][int(c)]
            elif table in ("h2", "u2", "com"):
                got = items[r][table]
            elif table == "Phi":
                got = report["Phi"][int(r)][int(c)]
            elif table in ("values", "e.values"):
                got = report[table][int(c)]
            elif table == "fit":
                got = fit[c]
            elif table == "KMO":
                got = report["KMO"]["MSA"]
            else:
                problems.append(f"unknown table {table}")
                continue
            compared += 1
            if not close(got, row["value"]):
                problems.append(f"{table} {r} {c}: attune {got}, psych {row['value']}")
    for p in problems:
        print(p)
    if compared < 50:
        print(f"only {compared} values compared")
        return 1
    print(f"{sys.argv[2]}: {compared} values agree with psych to 1e-6" if not problems else "")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
