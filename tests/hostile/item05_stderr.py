"""Issue 26 item 5: a stderr that cannot be written (closed, or /dev/full) costs no data: the
warning is dropped, the output written, the exit code says so; an error still exits 1 (not an
abort). A standard output that cannot be written (--help, check to /dev/full) is a failure."""
import os

from hostile import Suite, rows

s = Suite()
lines = rows(s.data_bytes)
s.write("dup.csv", b"\n".join([lines[0], lines[1], lines[1]] + lines[2:]) + b"\n")
full = os.path.exists("/dev/full")
score = f'"$ATTUNE" score -i "{s.instrument}" dup.csv'

r = s.shell(score + " -f csv 2>&-")
s.check(r.returncode == 0 and len(rows(r.stdout)) == len(lines) + 1,
        "a warning with stderr closed: exit 0, every row on stdout", f"status {r.returncode}")
r = s.shell(score + " -o closed.csv 2>&-")
out = s.read("closed.csv") if os.path.exists(s.path("closed.csv")) else b""
s.check(r.returncode == 0 and len(rows(out)) == len(lines) + 1 and b"warning" not in out,
        "a warning with stderr closed and -o: exit 0, the file written (and no message in it)",
        f"status {r.returncode}; {len(rows(out))} lines")
if full:
    r = s.shell(score + " -o full.csv 2>/dev/full")
    made = os.path.exists(s.path("full.csv"))
    s.check(r.returncode == 0 and made and len(rows(s.read("full.csv"))) == len(lines) + 1,
            "a warning with stderr on /dev/full and -o: exit 0, the file written", f"status {r.returncode}")
    r = s.shell('"$ATTUNE" score --help > /dev/full')
    s.check(r.returncode != 0, "score --help > /dev/full fails", f"status {r.returncode}")
    r = s.shell('"$ATTUNE" --version > /dev/full')
    s.check(r.returncode != 0, "--version > /dev/full fails", f"status {r.returncode}")
    r = s.shell(f'"$ATTUNE" check "{s.instrument}" > /dev/full')
    s.check(r.returncode != 0, "check > /dev/full fails", f"status {r.returncode}")
    r = s.shell(f'"$ATTUNE" score -i "{s.instrument}" no-such.csv 2>/dev/full')
    s.check(r.returncode == 1, "an error with stderr on /dev/full: exit 1", f"status {r.returncode}")
else:
    print("SKIP  /dev/full checks: this system has no /dev/full")
r = s.shell(f'"$ATTUNE" score -i "{s.instrument}" no-such.csv 2>&-')
s.check(r.returncode == 1, "an error with stderr closed: exit 1, not an abort", f"status {r.returncode}")
r = s.shell(f'"$ATTUNE" score -i "{s.instrument}" dup.csv -f csv >&-')
s.check(r.returncode == 1 and (b"standard output" in r.stderr or b"<stdout>" in r.stderr),
        "score with stdout closed: exit 1 and an error", f"status {r.returncode}; {r.stderr[-200:]!r}")
s.check(s.leftovers() == [], "no temporary file left", str(s.leftovers()))
s.finish()
