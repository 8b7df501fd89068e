"""Shared plumbing of the hostile-environment suite (tests/hostile/README.md).

Each item_*.py script is one ctest test: `python3 item_X.py ATTUNE SOURCE_DIR`. It prints one
line per check (ok / FAIL / SKIP) and exits 0 when every check passed, 1 otherwise, 77 when a
facility it needs is missing (ctest then reports it as skipped, with the reason printed).
"""
import os
import shlex
import shutil
import subprocess
import sys
import tempfile


class Suite:
    def __init__(self):
        if len(sys.argv) != 3:
            sys.exit("usage: python3 item_X.py ATTUNE SOURCE_DIR")
        self.attune = os.path.abspath(sys.argv[1])
        self.root = os.path.abspath(sys.argv[2])
        self.dir = tempfile.mkdtemp(prefix="attune-hostile-")
        self.failures = 0
        self.instrument = os.path.join(self.root, "instruments", "ecr-r.yaml")
        self.data = os.path.join(self.root, "examples", "ecr-r.csv")
        with open(self.data, "rb") as f:
            self.data_bytes = f.read()

    def env(self):
        env = dict(os.environ)
        env["NO_COLOR"] = "1"
        env["ATTUNE_INSTRUMENT_PATH"] = ""
        return env

    def run(self, args, stdin=None, timeout=120, **kw):
        """Runs attune with `args` in the scratch folder; returns the CompletedProcess."""
        kw.setdefault("stdout", subprocess.PIPE)
        kw.setdefault("stderr", subprocess.PIPE)
        if isinstance(stdin, bytes):
            kw["input"] = stdin
        elif stdin is not None:
            kw["stdin"] = stdin
        env = kw.pop("env", None) or self.env()
        return subprocess.run([self.attune] + args, cwd=self.dir, env=env, timeout=timeout, **kw)

    def shell(self, line, timeout=120):
        """Runs a bash line in the scratch folder, $ATTUNE being the binary."""
        env = self.env()
        env["ATTUNE"] = self.attune
        return subprocess.run(["bash", "-c", line], cwd=self.dir, env=env, timeout=timeout,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def dev_shell(self, line, timeout=120):
        """Runs a bash line that writes /dev/stdout or /dev/fd/N. As root, a binary that renames
        over such a name would replace the machine's link: then the line runs in a mount
        namespace of its own, over a /dev made for it (links fd, stdin, stdout, stderr and the
        null and full devices). Returns None when that namespace cannot be made."""
        if os.geteuid() != 0:
            return self.shell(line, timeout)
        if not shutil.which("unshare"):
            return None
        setup = ("mount -t tmpfs none /dev && ln -s /proc/self/fd /dev/fd && ln -s /proc/self/fd/0 /dev/stdin && "
                 "ln -s /proc/self/fd/1 /dev/stdout && ln -s /proc/self/fd/2 /dev/stderr && "
                 "mknod -m 666 /dev/null c 1 3 && mknod -m 666 /dev/full c 1 7 || exit 99; ")
        result = self.shell("unshare -m --propagation private bash -c " + shlex.quote(setup + line), timeout)
        return None if result.returncode == 99 else result

    def path(self, name):
        return os.path.join(self.dir, name)

    def write(self, name, data):
        with open(self.path(name), "wb") as f:
            f.write(data if isinstance(data, bytes) else data.encode())
        return self.path(name)

    def read(self, name):
        with open(self.path(name), "rb") as f:
            return f.read()

    def leftovers(self, folder=None):
        """Hidden files in the scratch folder: temporary outputs left behind."""
        return sorted(n for n in os.listdir(folder or self.dir) if n.startswith("."))

    def check(self, condition, what, detail=""):
        print(("ok    " if condition else "FAIL  ") + what + ("" if condition or not detail else f"\n      {detail}"))
        if not condition:
            self.failures += 1
        return condition

    def finish(self):
        shutil.rmtree(self.dir, ignore_errors=True)
        sys.exit(1 if self.failures else 0)

    def skip(self, why):
        print("SKIP  " + why)
        shutil.rmtree(self.dir, ignore_errors=True)
        sys.exit(77)


def rows(csv_bytes):
    return [line for line in csv_bytes.split(b"\n") if line]


def big_csv(header_and_rows, copies):
    """The header, then the rows repeated `copies` times."""
    lines = rows(header_and_rows)
    return b"\n".join([lines[0]] + lines[1:] * copies) + b"\n"
