"""Issue 26 item 11: no control character from data or a definition reaches a terminal raw:
tables (cells, ids, --keep columns and headers), errors, warnings, check's problems and
describe show them escaped (\\x1B)."""
import re
import shutil

from hostile import Suite

s = Suite()
RAW = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]")   # C0 but LF/TAB, DEL, C1
header = "id,Q" + ",Q".join(str(n) for n in range(1, 37))
answers = ",".join(["4"] * 36)
s.write("esc.csv", (header + ",note\x1b[2J\n" +
                    f"ev\x1b]0;owned\x07il,{answers},x\x08\x7fy\n" +
                    f"c1\xc2\x9b31m,{answers},z\n" + f"ev\x1b]0;owned\x07il,{answers},w\n").encode())


def no_raw(what, data):
    found = RAW.search(data)
    s.check(found is None, what + ": no raw control bytes",
            f"raw {found.group()!r} in {data[max(0, found.start() - 40):found.end() + 40]!r}" if found else "")


r = s.run(["score", "-i", s.instrument, "esc.csv", "--keep", "note\x1b[2J", "-f", "table"])
s.check(r.returncode == 0 and b"\\x1B" in r.stdout, "score -f table shows ESC as \\x1B", r.stderr.decode())
no_raw("score's table", r.stdout)
no_raw("score's warnings", r.stderr)
if shutil.which("script"):   # on a terminal, the default format is the table
    r = s.shell(f'script -qec "\\"$ATTUNE\\" score -i {s.instrument} esc.csv" /dev/null')
    shown = r.stdout.replace(b"\r\n", b"\n")
    s.check(r.returncode == 0 and b"\\x1B" in shown, "score on a terminal (script) shows ESC as \\x1B", repr(shown[-300:]))
    no_raw("score on a terminal", shown)
else:
    print("SKIP  score on a terminal: no script(1) here")
r = s.run(["score", "-i", s.instrument, "no\x1b[2Jsuch.csv"])
s.check(r.returncode == 1 and b"\\x1B" in r.stderr, "an error naming a file with ESC shows \\x1B")
no_raw("an error naming a file", r.stderr)

with open(s.instrument, encoding="utf-8") as f:
    definition = f.read()
s.write("bad.yaml", definition.replace("id: ecr-r", "id: ecr-r\nbogus\x1b[31m: 1", 1))
r = s.run(["check", "bad.yaml"])
s.check(r.returncode == 1 and b"\\x1B" in r.stderr, "check shows an ESC in a definition's key as \\x1B", repr(r.stderr))
no_raw("check's problems", r.stderr)
s.write("named.yaml", definition.replace("name: ", "name: \"\\e]2;title\\a\" # ", 1))
r = s.run(["describe", "named.yaml", "-f", "table"])   # the text (a pipe gets the key table)
s.check(r.returncode == 0 and b"\\x1B" in r.stdout, "describe shows an ESC in the name as \\x1B", repr(r.stderr))
no_raw("describe", r.stdout)
r = s.run(["check", "named.yaml"])
no_raw("check's ok line", r.stdout)
s.finish()
