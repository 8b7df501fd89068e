"""Issue 26 item 13: no output has two columns (or JSON keys) of one name. A score named like
one of attune's own columns is refused by `check`; --keep / --id naming a score or the pattern,
an instrument given twice, two definitions with one id, each is an error naming the clash; --keep
of a name the header holds twice is an error, not the first of them."""
import json

from hostile import Suite

s = Suite()


def unique_keys(text):
    """Whether every JSON object in `text` (JSON or JSON lines) has unique keys."""
    def pairs(items):
        keys = [k for k, _ in items]
        if len(keys) != len(set(keys)):
            raise ValueError(f"duplicate keys {keys}")
        return dict(items)
    try:
        for line in ([text] if text.lstrip().startswith("[") else text.splitlines()):
            if line.strip():
                json.loads(line, object_pairs_hook=pairs)
        return True
    except ValueError:
        return False


# ecr-r's responses with extra columns named like outputs: anxiety, pattern, flags, and x twice.
lines = s.data_bytes.decode().splitlines()
clash = ["id,anxiety,pattern,flags,x,x," + lines[0].split(",", 1)[1]]
clash += [f"{line.split(',', 1)[0]},a,p,f,x1,x2,{line.split(',', 1)[1]}" for line in lines[1:]]
s.write("clash.csv", "\n".join(clash) + "\n")

for args, name in ((["--keep", "anxiety"], "anxiety"), (["--keep", "pattern"], "pattern"),
                   (["--id", "pattern"], "pattern"), (["--keep", "id"], "id"), (["--keep", "flags,flags"], "flags")):
    r = s.run(["score", "-i", s.instrument, "clash.csv", "-f", "json"] + args)
    s.check(r.returncode == 2 and f'"{name}"' in r.stderr.decode() and r.stdout == b"",
            f"score {' '.join(args)}: a usage error naming the column {name}, no output",
            f"exit {r.returncode}, keys unique: {unique_keys(r.stdout.decode())}, {r.stderr.decode()[-300:]!r}")

r = s.run(["score", "-i", s.instrument, "clash.csv", "--keep", "x", "-f", "csv"])
s.check(r.returncode == 1 and "2 columns" in r.stderr.decode() and r.stdout == b"",
        "score --keep x, with two x columns: an error naming both, not the first silently",
        f"exit {r.returncode} {r.stdout[:80]!r} {r.stderr.decode()[-200:]!r}")

twice = s.data_bytes.decode().replace("id,", "id,id,", 1).replace("\nP", "\nX,P")
s.write("two-ids.csv", twice)
r = s.run(["score", "-i", s.instrument, "two-ids.csv", "-f", "csv"])
s.check(r.returncode == 1 and '2 columns named "id"' in r.stderr.decode() and r.stdout == b"",
        "score, a header with two id columns: an error, not the first silently",
        f"exit {r.returncode} {r.stdout[:80]!r} {r.stderr.decode()[-200:]!r}")

r = s.run(["score", "-i", s.instrument, "-i", s.instrument, s.data, "-f", "json"])
s.check(r.returncode == 2 and "twice" in r.stderr.decode(), "score -i ecr-r -i ecr-r: a usage error",
        f"exit {r.returncode}, keys unique: {unique_keys(r.stdout.decode())}, {r.stderr.decode()[-200:]!r}")

definition = open(s.instrument).read()
s.write("a.yaml", definition)
s.write("b.yaml", definition)
r = s.run(["score", "-i", "a.yaml", "-i", "b.yaml", s.data, "-f", "csv"])
s.check(r.returncode == 2 and "a.yaml" in r.stderr.decode() and "b.yaml" in r.stderr.decode(),
        "two definitions with one id: a usage error naming both files", f"exit {r.returncode} {r.stderr.decode()[-200:]!r}")

for reserved in ("id", "quality_flags", "attune_version", "instrument_sha256"):
    s.write("reserved.yaml", "id: reserved\nname: A scale named like an output column\nversion: '1'\n"
            "citation: Made up for attune's tests.\nresponse: {min: 1, max: 5}\nitems: {count: 2}\n"
            f"scales:\n  {reserved}: {{keys: [1, 2]}}\n")
    r = s.run(["check", "reserved.yaml"])
    s.check(r.returncode == 1 and "reserved" in r.stdout.decode() + r.stderr.decode(),
            f"check: a scale named {reserved} is refused", f"exit {r.returncode} {(r.stdout + r.stderr).decode()[-200:]!r}")

r = s.run(["quality", "-i", s.instrument, "clash.csv", "--keep", "flags", "-f", "csv"])
s.check(r.returncode == 2 and '"flags"' in r.stderr.decode() and r.stdout == b"",
        "quality --keep flags: a usage error naming the column", f"exit {r.returncode} {r.stderr.decode()[-200:]!r}")

# What is not a clash still runs, with unique keys.
r = s.run(["score", "-i", s.instrument, "clash.csv", "--keep", "pattern", "--classify", "none", "-f", "json"])
s.check(r.returncode == 0 and unique_keys(r.stdout.decode()), "score --keep pattern --classify none (no pattern column): runs",
        f"exit {r.returncode} {r.stderr.decode()[-200:]!r}")
r = s.run(["quality", "-i", s.instrument, "clash.csv", "--keep", "anxiety", "-f", "jsonl"])
s.check(r.returncode == 0 and unique_keys(r.stdout.decode()), "quality --keep anxiety: runs, keys unique",
        f"exit {r.returncode} {r.stderr.decode()[-200:]!r}")
s.finish()
