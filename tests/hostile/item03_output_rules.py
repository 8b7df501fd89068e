"""Issue 26 item 3: the rules of -o FILE (README, "Reliability"): a replaced file keeps its mode;
a write-protected file and a file with other hard links are refused and kept; a symbolic link
is written through (the link stays); a 254-byte name works; /dev/stdout and /dev/fd/1 write to
the descriptor (a redirected file gets the output, nothing is renamed in /dev)."""
import os
import stat

from hostile import Suite, rows

s = Suite()
s.write("data.csv", s.data_bytes)
score = ["score", "-i", s.instrument, "data.csv", "-f", "csv"]
expected = s.run(score).stdout
s.check(len(rows(expected)) == len(rows(s.data_bytes)), "scores to standard output, for comparison")


def mode(name):
    return stat.S_IMODE(os.lstat(s.path(name)).st_mode)


s.write("private.csv", "old\n")
os.chmod(s.path("private.csv"), 0o600)
r = s.run(score + ["-o", "private.csv"])
s.check(r.returncode == 0 and s.read("private.csv") == expected and mode("private.csv") == 0o600,
        "a 0600 target stays 0600 when replaced", f"exit {r.returncode}, mode {oct(mode('private.csv'))}")

s.write("private-named.csv", "old\n")   # the same where the file system has no unnamed files
os.chmod(s.path("private-named.csv"), 0o640)
r = s.run(score + ["-o", "private-named.csv"], env=dict(s.env(), ATTUNE_NO_TMPFILE="1"))
s.check(r.returncode == 0 and s.read("private-named.csv") == expected and mode("private-named.csv") == 0o640,
        "a 0640 target stays 0640 when replaced through a named temporary file", f"exit {r.returncode}")

s.write("locked.csv", "old\n")
os.chmod(s.path("locked.csv"), 0o444)
r = s.run(score + ["-o", "locked.csv"])
s.check(r.returncode == 1 and s.read("locked.csv") == b"old\n" and b"write-protected" in r.stderr,
        "a 0444 target is refused and kept", f"exit {r.returncode}: {r.stderr!r}")

s.write("real.csv", "old\n")
os.symlink("real.csv", s.path("link.csv"))
r = s.run(score + ["-o", "link.csv"])
s.check(r.returncode == 0 and os.path.islink(s.path("link.csv")) and s.read("real.csv") == expected,
        "a symbolic link is written through and stays a link", f"exit {r.returncode}: {r.stderr!r}")

s.write("one.csv", "old\n")
os.link(s.path("one.csv"), s.path("two.csv"))
r = s.run(score + ["-o", "one.csv"])
s.check(r.returncode == 1 and s.read("one.csv") == b"old\n" and os.stat(s.path("one.csv")).st_nlink == 2
        and b"hard link" in r.stderr, "a target with another hard link is refused, the links kept",
        f"exit {r.returncode}: {r.stderr!r}")

long_name = "n" * 250 + ".csv"   # 254 bytes, a valid name
r = s.run(score + ["-o", long_name])
s.check(r.returncode == 0 and s.read(long_name) == expected, "a 254-byte name is written",
        f"exit {r.returncode}: {r.stderr!r}")

# As root, a binary that renames over /dev/stdout replaces the machine's link: these run in a
# mount namespace of their own, over a /dev made for them (hostile.py: dev_shell).
for target in ["/dev/stdout", "/dev/fd/1"]:
    r = s.dev_shell(f'"$ATTUNE" score -i "{s.instrument}" data.csv -f csv -o {target} > redirected.csv; status=$?; '
                    'ls -A /dev | tr "\\n" " " > dev-after.txt; exit $status')
    if r is None:
        print(f"SKIP  -o {target}: as root this needs a mount namespace (unshare -m), which cannot be made here")
        continue
    listing = sorted(s.read("dev-after.txt").split())
    made = listing if os.geteuid() != 0 else [b"fd", b"full", b"null", b"stderr", b"stdin", b"stdout"]
    s.check(r.returncode == 0 and s.read("redirected.csv") == expected and listing == made,
            f"-o {target} with standard output redirected to a file writes that file (nothing made in /dev)",
            f"exit {r.returncode}: {r.stderr!r}; /dev now {listing}")
s.check(s.leftovers() == [], "no temporary file left", str(s.leftovers()))
s.finish()
