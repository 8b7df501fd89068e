"""Issue 26 item 14: every number attune writes is a finite number, so JSON parses and an empty
cell means missing. `check` bounds computed scores' weights and the response scale; a computed
score that still overflows (a long chain of weights) is an error naming the row and the score;
an extreme --range is refused."""
import json
import os

from hostile import Suite

s = Suite()


def strict_json(text):
    """Parses JSON lines refusing NaN/Infinity; False when a line does not parse (bare inf)."""
    def refuse(constant):
        raise ValueError(constant)
    try:
        for line in ([text] if text.lstrip().startswith("[") else text.splitlines()):
            if line.strip():
                json.loads(line, parse_constant=refuse)
        return True
    except ValueError:
        return False


head = ("id: finite\nname: Numbers at the edge (a test definition)\nversion: '1'\ncitation: Made up for attune's tests.\n"
        "response: {min: 1, max: 7}\nitems: {count: 2}\nscales:\n  s: {keys: [1, 2]}\n")
s.write("answers.csv", "id,Q1,Q2\nr1,7,7\nr2,1,2\nr3,,\n")

s.write("huge.yaml", head + "computed:\n  big: {terms: {s: 1e308}}\n  gap: {terms: {big: 1, s: -1}}\n")
r = s.run(["check", "huge.yaml"])
s.check(r.returncode == 1 and "weight" in (r.stdout + r.stderr).decode(), "check: a weight of 1e308 is refused",
        f"exit {r.returncode} {(r.stdout + r.stderr).decode()[-200:]!r}")

# Weights within the bound, chained until they overflow a double: 7 * 1000^110.
chain = "computed:\n  c1: {terms: {s: 1000}}\n" + "".join(f"  c{k}: {{terms: {{c{k - 1}: 1000}}}}\n" for k in range(2, 111))
s.write("chain.yaml", head + chain)
r = s.run(["check", "chain.yaml"])
s.check(r.returncode == 0, "check: a chain of weights of 1000 is a valid definition", (r.stdout + r.stderr).decode()[-200:])
for fmt in ("json", "jsonl", "csv"):
    r = s.run(["score", "-i", "chain.yaml", "answers.csv", "-f", fmt])
    err = r.stderr.decode()
    s.check(r.returncode == 1 and "row 1" in err and "'c10" in err and r.stdout == b"",
            f"score -f {fmt}: the overflowing computed score is an error naming the row and score, no output",
            f"exit {r.returncode}, strict JSON: {strict_json(r.stdout.decode())}, {r.stdout[:120]!r} {err[-300:]!r}")
r = s.run(["score", "-i", "chain.yaml", "answers.csv", "-f", "json", "--classify", "none", "--impute", "mean"])
s.check(r.returncode == 1 and "'c10" in r.stderr.decode(), "score --impute mean (held rows): the same error",
        f"exit {r.returncode} {r.stderr.decode()[-200:]!r}")

ecr = open(os.path.join(s.root, "instruments", "ecr.yaml")).read()
s.write("ecr-huge.yaml", ecr.replace("constant: -11.5307833", "constant: -1e308"))
r = s.run(["check", "ecr-huge.yaml"])
s.check(ecr.count("constant: -11.5307833") == 1 and r.returncode == 1 and "1e+308" in (r.stdout + r.stderr).decode(),
        "check: a discriminant constant of -1e308 is refused", f"exit {r.returncode} {(r.stdout + r.stderr).decode()[-200:]!r}")

s.write("wide.yaml", head.replace("max: 7", "max: 1e300"))
r = s.run(["check", "wide.yaml"])
s.check(r.returncode == 1 and "1e+300" in (r.stdout + r.stderr).decode(), "check: a response max of 1e300 is refused",
        f"exit {r.returncode} {(r.stdout + r.stderr).decode()[-200:]!r}")

for spec in ("-1e308:1.7e308", "1:1e308", "-2e6:5"):
    r = s.run(["score", "-i", s.instrument, s.data, "--range", spec, "-f", "json", "--summary"])
    s.check(r.returncode == 2 and "--range" in r.stderr.decode() and r.stdout == b"",
            f"score --range {spec}: a usage error naming --range", f"exit {r.returncode} {r.stderr.decode()[-300:]!r}")
r = s.run(["score", "-i", s.instrument, s.data, "--range", "0:100", "-f", "json"])
s.check(r.returncode == 0 and strict_json(r.stdout.decode()), "score --range 0:100 (a slider): runs, strict JSON",
        r.stderr.decode()[-200:])

# Sound definitions give strict JSON: a computed difference of present scores, missing as null.
s.write("gap.yaml", head + "computed:\n  gap: {terms: {s: 1000, s2: -1}}\n".replace("s2", "s"))
r = s.run(["score", "-i", "gap.yaml", "answers.csv", "-f", "jsonl"])
rows = [json.loads(line) for line in r.stdout.decode().splitlines()] if r.returncode == 0 and strict_json(r.stdout.decode()) else []
s.check(len(rows) == 3 and rows[0]["gap"] == 6993 and rows[2]["gap"] is None,
        "score -f jsonl: a computed score is a number, a missing one null", f"{r.returncode} {rows} {r.stderr.decode()[-200:]!r}")
# analyze: psych's S/N of an alpha of 1 is infinite; JSON says so as "Inf", not a bare inf.
s.write("three.yaml", head.replace("items: {count: 2}", "items: {count: 3}").replace("[1, 2]", "[1, 2, 3]"))
s.write("same.csv", "id,Q1,Q2,Q3\na,1,1,1\nb,2,2,2\nc,3,3,3\nd,5,5,5\n")
r = s.run(["analyze", "-i", "three.yaml", "same.csv", "-f", "json"])
report = json.loads(r.stdout) if r.returncode == 0 and strict_json(r.stdout.decode()) else {}
s.check(report.get("scales", [{}])[0].get("total", {}).get("S/N") == "Inf", 'analyze -f json: an infinite S/N is "Inf"',
        f"exit {r.returncode} {r.stdout[:200]!r}")
s.finish()
