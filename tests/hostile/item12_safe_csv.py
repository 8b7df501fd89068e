"""Issue 26 item 12: --safe-csv on every command that writes CSV/TSV (score, quality, analyze,
describe, instruments), header cells included; numbers, even in text columns (ids, --keep),
are left alone."""
import csv
import io

from hostile import Suite

s = Suite()
header = "id,Q" + ",Q".join(str(n) for n in range(1, 37))
answers = ",".join(["4"] * 36)
s.write("inject.csv", (header + ",\"=HYPERLINK(\"\"http://x\"\")\"\n" +
                       f"=1+1,{answers},-7\n" + f"-7,{answers},@SUM(A1)\n" + f"+3.5e2,{answers},ok\n").encode())


def table(data, delimiter=","):
    return list(csv.reader(io.StringIO(data.decode()), delimiter=delimiter))


r = s.run(["score", "-i", s.instrument, "inject.csv", "--keep", "=HYPERLINK(\"http://x\")", "--safe-csv", "-f", "csv"])
t = table(r.stdout) if r.returncode == 0 else [[]]
s.check(r.returncode == 0 and t[0][1] == "'=HYPERLINK(\"http://x\")", "score: a --keep header cell is defused",
        f"{r.returncode} {t[0]} {r.stderr!r}")
s.check(len(t) == 4 and [row[0] for row in t[1:]] == ["'=1+1", "-7", "+3.5e2"],
        "score: a formula id is defused, numeric ids are left alone", str([row[0] for row in t[1:]]))
s.check(len(t) == 4 and [row[1] for row in t[1:]] == ["-7", "'@SUM(A1)", "ok"],
        "score: --keep values: -7 left alone, @SUM defused", str([row[1] for row in t[1:]]))
r = s.run(["score", "-i", s.instrument, "inject.csv", "--keep", "=HYPERLINK(\"http://x\")", "--safe-csv", "-f", "tsv"])
t = table(r.stdout, "\t") if r.returncode == 0 else [[]]
s.check(r.returncode == 0 and t[0][1] == "'=HYPERLINK(\"http://x\")" and t[2][0] == "-7",
        "score -f tsv: the header defused, -7 left alone", str(t[:3]))

r = s.run(["quality", "-i", s.instrument, "inject.csv", "--safe-csv", "-f", "csv"])
t = table(r.stdout) if r.returncode == 0 else [[]]
s.check(r.returncode == 0 and [row[0] for row in t[1:]] == ["'=1+1", "-7", "+3.5e2"],
        "quality --safe-csv: a formula id defused, numeric ids left alone", f"{r.returncode} {r.stderr[-200:]!r}")
for command in (["analyze", "-i", s.instrument, s.data], ["describe", s.instrument], ["instruments"]):
    r = s.run(command + ["--safe-csv", "-f", "csv"])
    s.check(r.returncode == 0, f"{command[0]} takes --safe-csv", r.stderr.decode()[-200:])
s.finish()
