"""Issue 26 item 4: no temporary file is left behind, whatever ends the run: SIGQUIT, SIGUSR1,
SIGALRM, SIGTERM, SIGINT, SIGHUP, SIGKILL while -o FILE is being written; a file-size limit
(SIGXFSZ) is an error naming the file; a warning to a stderr pipe without a reader (SIGPIPE) is
dropped and the output written."""
import os
import resource
import signal
import subprocess
import time

from hostile import Suite, big_csv, rows

s = Suite()
lines = rows(s.data_bytes)


def run_until_signal(sig, named=False):
    """Starts score -o out.csv reading a pipe that stalls after some rows, sends `sig`; `named`
    makes attune use a named temporary file (ATTUNE_NO_TMPFILE=1), as where the file system
    has no unnamed ones."""
    folder = s.path(f"sig{int(sig)}{'-named' if named else ''}")
    os.mkdir(folder)
    env = s.env()
    if named:
        env["ATTUNE_NO_TMPFILE"] = "1"
    proc = subprocess.Popen([s.attune, "score", "-i", s.instrument, "-", "-o", "out.csv"], cwd=folder,
                            env=env, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    proc.stdin.write(b"\n".join(lines[:20]) + b"\n")
    proc.stdin.flush()
    time.sleep(0.7)   # the output is open, the reader waits for more rows
    alive = proc.poll() is None
    proc.send_signal(sig)
    try:
        proc.stdin.close()
    except BrokenPipeError:
        pass
    proc.wait(timeout=30)
    stderr = proc.stderr.read()
    left = sorted(os.listdir(folder))
    s.check(alive and proc.returncode == -sig and left == [],
            f"{signal.Signals(sig).name}{' (named temporary file)' if named else ''}: the run dies of it and leaves "
            "nothing in the folder",
            f"alive before: {alive}; status {proc.returncode}; folder {left}; stderr {stderr[-200:]!r}")


def unnamed_files_here():
    """Whether this file system makes unnamed files (O_TMPFILE), which SIGKILL cannot leave."""
    try:
        os.close(os.open(s.dir, os.O_TMPFILE | os.O_WRONLY, 0o600))
        return True
    except (OSError, AttributeError):
        return False


for sig in [signal.SIGQUIT, signal.SIGUSR1, signal.SIGALRM, signal.SIGTERM, signal.SIGINT, signal.SIGHUP,
            signal.SIGUSR2]:
    run_until_signal(sig)
    run_until_signal(sig, named=True)
if unnamed_files_here():
    run_until_signal(signal.SIGKILL)
else:
    print(f"SKIP  SIGKILL: the file system of {s.dir} has no O_TMPFILE, so a named temporary file is used")

# A file-size limit (ulimit -f): an error that names the file, exit 1, nothing left.
s.write("big.csv", big_csv(s.data_bytes, 1000))   # 40,000 rows: about 1.4 MB of scores
limit = 100 * 1024
r = s.run(["score", "-i", s.instrument, "big.csv", "-o", "o.csv"],
          preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit)))
s.check(r.returncode == 1 and b"o.csv" in r.stderr and b"too large" in r.stderr.lower()
        and not os.path.exists(s.path("o.csv")) and s.leftovers() == [],
        "ulimit -f: exit 1 with an error naming the file, no output and no temporary file",
        f"status {r.returncode}; stderr {r.stderr[-300:]!r}; left {s.leftovers()}")

# A warning (repeated ids) written to a stderr pipe whose reader has gone.
s.write("dup.csv", b"\n".join([lines[0], lines[1], lines[1]] + lines[2:]) + b"\n")
reader, writer = os.pipe()
os.close(reader)
r = s.run(["score", "-i", s.instrument, "dup.csv", "-o", "dup-out.csv"], stderr=writer)
os.close(writer)
made = os.path.exists(s.path("dup-out.csv"))
s.check(r.returncode == 0 and made and len(rows(s.read("dup-out.csv"))) == len(lines) + 1 and s.leftovers() == [],
        "a warning to a closed stderr pipe is dropped: exit 0, every row written, nothing left",
        f"status {r.returncode}; output made: {made}; left {s.leftovers()}")

# The data's own reader going away still ends the run quietly (`| head`).
r = s.shell(f'"$ATTUNE" score -i "{s.instrument}" big.csv -f csv | head -c 10 > /dev/null; '
            'echo "${PIPESTATUS[0]}" > status.txt')
status = s.read("status.txt").decode().strip()
s.check(status == str(128 + signal.SIGPIPE) and r.stderr == b"",
        "score | head: the run dies of SIGPIPE, quietly", f"status {status}; stderr {r.stderr[-200:]!r}")
s.finish()
