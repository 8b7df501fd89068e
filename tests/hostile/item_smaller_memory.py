"""Issue 26, smaller items: running out of memory names what was held, of which file, and the
option that avoids holding it. `-f table` holds every row (README's memory table says so): under
a 250 MB address-space limit, 1.5M rows as a table run out of memory with that message, while
`-f csv` streams them in the same limit; `quality`, which holds the answers, says so."""
import os
import resource
import subprocess

from hostile import Suite, big_csv

s = Suite()
if "libasan" in subprocess.run(["ldd", s.attune], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout.decode():
    s.skip("a sanitizer build cannot run under an address-space limit")
limit = 250 << 20
rows = 1_500_000
data = big_csv(b"\n".join(s.data_bytes.split(b"\n")[:2]) + b"\n", rows)


def limited(args):
    def cap():
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    env = s.env()
    env["ATTUNE_INSTRUMENT_PATH"] = os.path.join(s.root, "instruments")
    return subprocess.run([s.attune] + args, input=data, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          preexec_fn=cap, env=env, cwd=s.dir, timeout=240)


r = limited(["score", "-i", "ecr-r", "-", "-f", "csv", "--threads", "1"])
s.check(r.returncode == 0 and r.stdout.count(b"\n") == rows + 1, "score -f csv: 1.5M rows stream within 250 MB",
        f"exit {r.returncode} {r.stderr.decode()[-200:]!r}")
r = limited(["score", "-i", "ecr-r", "-", "-f", "table"])
err = r.stderr.decode()
s.check(r.returncode == 1 and "out of memory" in err and "standard input" in err and "-f table" in err and "-f csv" in err,
        "score -f table: out of memory, naming the input, -f table and the streaming formats", f"exit {r.returncode} {err[-300:]!r}")
r = limited(["quality", "-i", "ecr-r", "-", "-f", "csv"])
err = r.stderr.decode()
s.check(r.returncode == 0 or ("out of memory" in err and "quality holds" in err and "standard input" in err),
        "quality: runs, or runs out of memory saying it holds the answers", f"exit {r.returncode} {err[-300:]!r}")
s.finish()
