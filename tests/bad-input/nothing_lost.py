#!/usr/bin/env python3
"""Nothing lost: every example and every bad-input file, scored to a file with -o.

Asserts for each run: exit 0 and one output row per input row with the same ids in the same
order (a record whose every cell is empty is not a respondent: attune leaves it out, with a
note, unless --keep-empty); or exit != 0 and no output file (nor a temporary one) left behind. Inputs are read
independently of attune, with Python's csv module.

Usage: nothing_lost.py ATTUNE SOURCE_DIR
"""
import csv
import io
import os
import subprocess
import sys
import tempfile

attune, root = sys.argv[1], sys.argv[2]
four = os.path.join(root, 'tests/bad-input/four.yaml')


def records(path, qualtrics=False):
    """The data rows of a CSV file, as lists of cells (blank lines skipped)."""
    data = open(path, 'rb').read()
    if data.startswith(b'\xef\xbb\xbf'):
        data = data[3:]
    text = data.decode('latin-1')
    first = text.split('\n', 1)[0]
    delimiter = max(',;\t', key=first.count)
    rows = [row for row in csv.reader(io.StringIO(text, newline=''), delimiter=delimiter) if row]
    return rows[3:] if qualtrics else rows[1:], rows[0] if rows else []


def ids_in(path, qualtrics=False):
    rows, header = records(path, qualtrics)
    # Row numbers count every data record; records of empty cells are then left out.
    numbered = [(n, row) for n, row in enumerate(rows, 1) if any(cell != '' for cell in row)]
    for name in ('id', 'ID', 'ResponseId'):
        if name in header:
            return [row[header.index(name)] for _, row in numbered]
    lowered = [h.lower() for h in header]
    if 'id' in lowered:
        return [row[lowered.index('id')] for _, row in numbered]
    return [str(n) for n, _ in numbered]


def ids_out(path):
    text = open(path, 'rb').read().decode('latin-1')
    rows = list(csv.reader(io.StringIO(text, newline='')))
    return [row[0] for row in rows[1:]]


failures = 0
runs = 0


def check(label, args, expected_ids):
    global failures, runs
    runs += 1
    with tempfile.TemporaryDirectory() as scratch:
        out = os.path.join(scratch, 'out.csv')
        result = subprocess.run([attune, 'score', *args, '-f', 'csv', '-o', out], capture_output=True,
                                env={**os.environ, 'NO_COLOR': '1', 'ATTUNE_INSTRUMENT_PATH': ''}, timeout=300)
        left = sorted(os.listdir(scratch))
        if result.returncode != 0:
            if left:
                print(f'{label}: exit {result.returncode} but left {left}')
                failures += 1
            return result.returncode
        got = ids_out(out)
        if got != expected_ids:
            print(f'{label}: {len(expected_ids)} rows in, {len(got)} out; first difference at row '
                  f'{next((i + 1 for i, (a, b) in enumerate(zip(got, expected_ids)) if a != b), min(len(got), len(expected_ids)) + 1)}')
            failures += 1
        if left != ['out.csv']:
            print(f'{label}: left {left}')
            failures += 1
        return 0


ex = os.path.join(root, 'examples')
check('examples/ecr-r.csv', ['-i', 'ecr-r', os.path.join(ex, 'ecr-r.csv')], ids_in(os.path.join(ex, 'ecr-r.csv')))
check('examples/ecr.csv', ['-i', 'ecr', os.path.join(ex, 'ecr.csv')], ids_in(os.path.join(ex, 'ecr.csv')))
twin = ids_in(os.path.join(ex, 'ecr-r-binary.csv'))
for name in ('ecr-r-binary.csv', 'ecr-r.sav', 'ecr-r.zsav', 'ecr-r.dta', 'ecr-r.sas7bdat'):
    check(f'examples/{name}', ['-i', 'ecr-r', '--invalid', 'missing', os.path.join(ex, name)], twin)
for name in ('qualtrics-numeric.csv', 'qualtrics-choice-text.csv'):
    path = os.path.join(root, 'tests/cli/data', name)
    check(f'tests/cli/data/{name}', ['-i', os.path.join(root, 'tests/cli/data/valid.yaml'), '--invalid', 'missing',
                                     path], ids_in(path, qualtrics=True))

cases = os.path.join(root, 'tests/bad-input/cases')
succeeded = 0
for case in sorted(os.listdir(cases)):
    path = os.path.join(cases, case, 'input.csv')
    if not os.path.exists(path):
        continue
    try:
        expected = ids_in(path)
    except (csv.Error, IndexError) as e:   # not CSV to Python either: attune must fail cleanly
        expected = None
    for extra in ([], ['--invalid', 'missing']):
        code = check(f'{case} {" ".join(extra)}'.strip(), ['-i', four, *extra, path], expected)
        if code == 0 and expected is None:
            print(f'{case}: attune read a file Python cannot')
            failures += 1
        succeeded += code == 0

print(f'nothing lost: {runs} runs ({succeeded} bad-input runs succeeded), {failures} failures')
sys.exit(1 if failures else 0)
