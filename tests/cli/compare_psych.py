#!/usr/bin/env python3
"""Compares `attune analyze -f json` (standard input) with psych's numbers (1e-8).

Usage: attune analyze ... -f json | compare_psych.py EXPECTED.csv

EXPECTED.csv is what tests/reference/make_analyze_fixtures.R writes (scale,table,row,column,value);
the totals, Feldt interval, item statistics, alpha if dropped and response frequencies are
compared, item by item in key order. Prints every difference; exits 1 on any, or when fewer
than 100 values were compared.
"""
import csv
import json
import math
import sys

ITEM_STATS = ("n", "raw.r", "std.r", "r.cor", "r.drop", "mean", "sd")


def close(got, want):
    if want == "NA":
        return got is None or (isinstance(got, float) and math.isnan(got))
    return got is not None and abs(got - float(want)) <= 1e-8 * max(1.0, abs(float(want)))


def main():
    report = json.load(sys.stdin)
    scales = {s["scale"]: s for s in report["scales"]}
    compared, wrong = 0, []
    with open(sys.argv[1], newline="") as f:
        for e in csv.DictReader(f):
            scale, table, row, column, want = e["scale"], e["table"], int(e["row"]), e["column"], e["value"]
            if scale not in scales:
                continue
            s = scales[scale]
            if table == "total" and column in s["total"]:
                got = s["total"][column]
            elif table == "feldt":
                got = s["feldt"][column]
            elif table == "item_stats" and column in ITEM_STATS:
                got = s["items"][row][column]
            elif table == "alpha_drop":
                got = s["items"][row]["alpha.drop"].get(column)
            elif table == "response_freq":
                item = s["items"][row]
                if column == "miss":
                    got = item["miss"]
                else:
                    got = next((r["proportion"] for r in item["response.freq"] if r["response"] == float(column)), 0.0)
            else:
                continue
            compared += 1
            if not close(got, want):
                wrong.append(f"{scale} {table} {row} {column}: attune {got}, psych {want}")
    for line in wrong:
        print(line)
    print(f"{compared} values compared with psych, {len(wrong)} differ")
    return 1 if wrong or compared < 100 else 0


if __name__ == "__main__":
    sys.exit(main())
