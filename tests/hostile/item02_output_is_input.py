"""Issue 26 item 2: -o (or standard output) onto an input is refused before anything is read,
and the input is left as it was: data, definition, --map, --quality, --exclude-flagged, through
a symbolic link, a hard link, /dev/stdout and a shell redirection."""
import os

from hostile import Suite

s = Suite()
s.write("victim.csv", s.data_bytes)
with open(s.instrument, "rb") as f:
    definition = f.read()
s.write("def.yaml", definition)
s.write("map.csv", "item,column\n" + "".join(f"{n},Q{n}\n" for n in range(1, 37)))
flags = s.run(["quality", "-i", "def.yaml", "victim.csv", "-f", "csv", "-o", "flags.csv"])
s.check(flags.returncode == 0, "quality writes a flags file to start from", flags.stderr.decode())


def refused(args, name, expected, what):
    result = s.run(args)
    s.check(result.returncode == 2 and s.read(name) == expected and b"same file" in result.stderr,
            what, f"exit {result.returncode}; stderr {result.stderr[-300:]!r}; {name} changed: {s.read(name) != expected}")


refused(["score", "-i", "def.yaml", "victim.csv", "-o", "victim.csv"], "victim.csv", s.data_bytes,
        "score -o onto its data file is refused, the data kept")
refused(["score", "-i", "def.yaml", "victim.csv", "-o", "def.yaml"], "def.yaml", definition,
        "score -o onto its definition is refused, the definition kept")
refused(["score", "-i", "def.yaml", "--map", "map.csv", "victim.csv", "-o", "map.csv"], "map.csv",
        s.read("map.csv"), "score -o onto its --map file is refused")
flag_bytes = s.read("flags.csv")
refused(["score", "-i", "def.yaml", "--quality", "flags.csv", "victim.csv", "-o", "flags.csv"], "flags.csv",
        flag_bytes, "score -o onto its --quality file is refused")
refused(["score", "-i", "def.yaml", "--exclude-flagged", "flags.csv", "victim.csv", "-o", "flags.csv"], "flags.csv",
        flag_bytes, "score -o onto its --exclude-flagged file is refused")
os.symlink("victim.csv", s.path("alias.csv"))
refused(["score", "-i", "def.yaml", "victim.csv", "-o", "alias.csv"], "victim.csv", s.data_bytes,
        "score -o onto a symbolic link to its data is refused")
os.link(s.path("victim.csv"), s.path("hard.csv"))
refused(["score", "-i", "def.yaml", "hard.csv", "-o", "victim.csv"], "victim.csv", s.data_bytes,
        "score -o onto a hard link of its data is refused")
os.unlink(s.path("hard.csv"))
refused(["analyze", "-i", "def.yaml", "victim.csv", "-f", "csv", "-o", "victim.csv"], "victim.csv", s.data_bytes,
        "analyze -o onto its data is refused")
refused(["analyze", "-i", "def.yaml", "--map", "map.csv", "victim.csv", "-f", "csv", "-o", "map.csv"], "map.csv",
        s.read("map.csv"), "analyze -o onto its --map file is refused")
refused(["quality", "-i", "def.yaml", "victim.csv", "-o", "victim.csv"], "victim.csv", s.data_bytes,
        "quality -o onto its data is refused")
refused(["quality", "-i", "def.yaml", "victim.csv", "-o", "def.yaml"], "def.yaml", definition,
        "quality -o onto its definition is refused")
refused(["describe", "def.yaml", "-o", "def.yaml"], "def.yaml", definition, "describe -o onto its definition is refused")

# Standard output redirected onto an input: appended to while read, or emptied by >.
for line, name, what in [
        ('"$ATTUNE" score -i def.yaml victim.csv >> victim.csv', "victim.csv", "score >> its own data file"),
        ('"$ATTUNE" score -i def.yaml - < victim.csv >> victim.csv', "victim.csv", "score - < data >> data"),
        ('"$ATTUNE" score -i def.yaml victim.csv -o /dev/stdout >> victim.csv', "victim.csv",
         "score -o /dev/stdout >> its own data file"),
        ('"$ATTUNE" check def.yaml >> def.yaml', "def.yaml", "check >> its own definition")]:
    before = s.read(name)
    result = s.dev_shell(line)   # as root, in a /dev of its own: a bad binary could replace /dev/stdout
    if result is None:
        print(f"SKIP  {what}: as root this needs a mount namespace (unshare -m), which cannot be made here")
        continue
    s.check(result.returncode == 2 and s.read(name) == before and b"same file" in result.stderr,
            what + " is refused, the file kept", f"exit {result.returncode}; stderr {result.stderr[-300:]!r}")

# Not a false alarm: /dev/null in and out, and a different file, are fine.
ok = s.run(["score", "-i", "def.yaml", "victim.csv", "-o", "scores.csv"])
s.check(ok.returncode == 0 and len(s.read("scores.csv").splitlines()) == len(s.data_bytes.splitlines()),
        "score -o another file still works", ok.stderr.decode())
s.finish()
