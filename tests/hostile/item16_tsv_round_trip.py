"""Issue 26 item 16: TSV is written so that readers get the cells back unchanged. A cell with a
tab, quote, LF or CR is quoted as CSV quotes it (inner quotes doubled); a backslash is a
backslash. Python's csv module (excel-tab) reads attune's TSV back to the input's ids, attune
reads its own TSV (quality -f tsv, then score --quality), and R's read.delim, with the README's
recipe, read the committed fixture back (tests/reference/read_tsv_ids.R): the fixture is still
what attune writes, and R's ids are the input's (R turns a CR inside a quoted cell into LF)."""
import csv
import io
import os

from hostile import Suite

s = Suite()
reference = os.path.join(s.root, "tests", "reference")
definition = os.path.join(reference, "tsv_ids_items.yaml")
data = os.path.join(reference, "tsv_ids_input.csv")
with open(data, newline="", encoding="utf-8") as f:
    input_rows = list(csv.reader(f))
input_ids = [row[0] for row in input_rows[1:]]


def tsv(raw):
    return list(csv.reader(io.StringIO(raw.decode("utf-8"), newline=""), dialect="excel-tab"))


for command in (["score", "-i", definition, data], ["score", "-i", definition, data, "--threads", "2"],
                ["score", "-i", definition, data, "--keep", "Q1", "--safe-csv"], ["quality", "-i", definition, data]):
    r = s.run(command + ["-f", "tsv"])
    rows = tsv(r.stdout) if r.returncode == 0 else []
    ids = [row[0] for row in rows[1:]]
    expected = ["'=1+1" if i == "=1+1" and "--safe-csv" in command else i for i in input_ids]
    s.check(ids == expected and all(len(row) == len(rows[0]) for row in rows),
            f"{' '.join(command[:1] + command[4:])} -f tsv: Python's csv (excel-tab) reads every id back unchanged",
            f"exit {r.returncode}: " + "; ".join(f"{a!r} -> {b!r}" for a, b in zip(input_ids, ids) if a != b)[:400])

r = s.run(["score", "-i", definition, data, "-f", "tsv"])
with open(os.path.join(reference, "tsv_ids_attune.tsv"), "rb") as f:
    fixture = f.read()
s.check(r.stdout == fixture, "score -f tsv writes tests/reference/tsv_ids_attune.tsv byte for byte (the file R read)",
        f"{r.stdout[:120]!r} vs {fixture[:120]!r}")
with open(os.path.join(reference, "tsv_ids_read_by_r.txt")) as f:
    read_by_r = [bytes.fromhex(line.strip()).decode("utf-8") for line in f if line.strip()]
as_r_reads = [i.replace("\r\n", "\n").replace("\r", "\n") for i in input_ids]
s.check(read_by_r == as_r_reads, "R's read.delim read the ids back (a CR inside a cell as LF)",
        "; ".join(f"{a!r} -> {b!r}" for a, b in zip(as_r_reads, read_by_r) if a != b)[:400])

# attune reads its own TSV: quality's flags joined back by id, every id matched.
q = s.run(["quality", "-i", definition, data, "-f", "tsv", "-o", "flags.tsv"])
r = s.run(["score", "-i", definition, data, "--quality", "flags.tsv", "-f", "csv"])
n = len(input_ids)
s.check(q.returncode == 0 and r.returncode == 0 and f"{n} of its {n} id(s) matched" in r.stderr.decode(),
        "score --quality reads quality's TSV back: every id matches", f"exit {q.returncode}/{r.returncode} {r.stderr.decode()[-300:]!r}")
s.finish()
