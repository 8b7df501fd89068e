#!/usr/bin/env python3
"""Every option an error message or hint names must be one the running command accepts.

Usage: option_hints.py ATTUNE ROOT

Walks the string literals of src/ (comments stripped): in the library every literal is a
message, a hint or a name; in src/cli/ the literals of error, warning and note calls (option
declarations, their help and the examples are left out). Each `--option` found is charged to
the commands whose run can give that message (by the file's folder), and for each of them
`attune CMD --help` must list it, or giving it must be refused with the command's own
one-line reason (exit 2, naming the option), never CLI11's "not expected".
"""
import os
import re
import subprocess
import sys

READERS = ("score", "analyze", "quality", "plot")
# Library folders (and run files) -> the commands whose runs reach them.
LIBRARY = [
    ("src/run/analysis_run", ("analyze",)),
    ("src/run/quality_run", ("quality",)),
    ("src/run/plot_run", ("plot",)),
    ("src/plot/", ("plot",)),
    ("src/run/", ("score",)),
    ("src/classify/", ("score",)),
    ("src/scoring/", ("score",)),
    ("src/stats/", ("analyze",)),
    ("src/analyze/", ("analyze",)),
    ("src/quality/", ("quality",)),
    ("src/responses/", READERS),
    ("src/io/", READERS),
    ("src/instrument/", READERS),
    ("src/util/", READERS),
]
CLI = {"src/cli/cmd_score.cpp": ("score",), "src/cli/cmd_analyze.cpp": ("analyze",),
       "src/cli/cmd_quality.cpp": ("quality",), "src/cli/cmd_plot.cpp": ("plot",),
       "src/cli/classify_args.cpp": ("score", "plot"), "src/cli/input_args.cpp": READERS, "src/cli/common.cpp": READERS}
# Calls in src/cli whose literals are messages (the rest declare options, help and examples).
MESSAGE_CALLS = re.compile(r"\b(usage_error|data_error|io_error|Error|warn|note|error)\s*\(")
LITERAL = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
OPTION = re.compile(r"(?<![\w-])--[a-z][a-z0-9-]*")
GLOBAL = {"--help", "--version"}


def strip_comments(text):
    out, i, n = [], 0, len(text)
    while i < n:
        if text[i] == '"':
            m = LITERAL.match(text, i)
            if m:
                out.append(m.group(0))
                i = m.end()
                continue
        if text.startswith("//", i):
            i = text.find("\n", i) if "\n" in text[i:] else n
            continue
        if text.startswith("/*", i):
            i = text.find("*/", i) + 2
            continue
        out.append(text[i])
        i += 1
    return "".join(out)


def call_spans(text):
    """(start, end) of every message call's parenthesised arguments."""
    spans = []
    for m in MESSAGE_CALLS.finditer(text):
        depth, i = 0, m.end() - 1
        while i < len(text):
            if text[i] == '"':
                lit = LITERAL.match(text, i)
                if lit:
                    i = lit.end()
                    continue
            depth += {"(": 1, ")": -1}.get(text[i], 0)
            if depth == 0:
                break
            i += 1
        spans.append((m.end(), i))
    return spans


def options_in(text, only_in_calls):
    spans = call_spans(text) if only_in_calls else None
    found = set()
    for m in LITERAL.finditer(text):
        if spans is not None and not any(a <= m.start() < b for a, b in spans):
            continue
        found.update(OPTION.findall(m.group(1)))
    return found - GLOBAL


def hinted(root):
    """command -> {option: [files]}"""
    charged = {c: {} for c in READERS}
    for folder, _, files in os.walk(os.path.join(root, "src")):
        for name in files:
            if not name.endswith((".cpp", ".h")):
                continue
            path = os.path.relpath(os.path.join(folder, name), root)
            if path.startswith("src/cli/"):
                commands, in_calls = CLI.get(path), True
            else:
                commands = next((c for prefix, c in LIBRARY if path.startswith(prefix)), None)
                in_calls = False
            if not commands:
                continue
            with open(os.path.join(root, path), encoding="utf-8") as f:
                text = strip_comments(f.read())
            for option in options_in(text, in_calls):
                for command in commands:
                    charged[command].setdefault(option, []).append(path)
    return charged


def main():
    attune, root = sys.argv[1], sys.argv[2]
    data = os.path.join(root, "examples", "ecr-r.csv")
    env = dict(os.environ, NO_COLOR="1")
    failures, checked = [], 0
    for command, options in hinted(root).items():
        help_text = subprocess.run([attune, command, "--help"], capture_output=True, text=True, env=env).stdout
        listed = set(OPTION.findall(help_text))
        for option in sorted(options):
            checked += 1
            if option in listed:
                continue
            reasons = []
            for given in ([option, "x"], [option]):
                run = subprocess.run([attune, command, "-i", "ecr-r", *given, data], capture_output=True, text=True,
                                     env=env, stdin=subprocess.DEVNULL)
                lines = run.stderr.strip().splitlines()
                if (run.returncode == 2 and len(lines) == 1 and option in lines[0]
                        and "not expected" not in lines[0]):
                    break
                reasons.append(f"exit {run.returncode}: {run.stderr.strip()[:200]!r}")
            else:
                failures.append(f"attune {command}: {option} (named in {', '.join(sorted(set(options[option])))}) "
                                f"is neither in --help nor refused in one sentence: {reasons[-1]}")
    for failure in failures:
        print(failure)
    print(f"{checked} (command, option) pairs checked, {len(failures)} failed")
    return 1 if failures or checked < 20 else 0


if __name__ == "__main__":
    sys.exit(main())
