"""Issue 26 item 15: numeric options are checked as given. Each value below was accepted in
silence (a negative or 2^64 count wrapped around, NaN passed every comparison, a cut-off
outside the scores' range put every respondent on one side); each is now a usage error (exit 2)
naming its option, and nothing is written."""
import subprocess

from hostile import Suite

s = Suite()
score = ["score", "-i", s.instrument, s.data, "-f", "csv"]
analyze = ["analyze", "-i", s.instrument, s.data, "-f", "csv"]
quality = ["quality", "-i", s.instrument, s.data, "-f", "csv"]
refused = [
    (score, ["--min-valid", "1e300"], "--min-valid"),
    (score, ["--min-valid", "18446744073709551616"], "--min-valid"),
    (score, ["--min-valid", "1e19"], "--min-valid"),
    (score, ["--decimal", ",", "--delim", ","], "--decimal"),
    (score, ["--cutoff", "anxiety=100"], "--cutoff"),
    (score, ["--cutoff", "avoidance=-3"], "--cutoff"),
    (score, ["--seed", "-1", "--classify", "kmeans"], "--seed"),
    (score, ["--seed", "18446744073709551616", "--classify", "kmeans"], "--seed"),
    (analyze, ["--seed", "-1"], "--seed"),
    (analyze, ["--boot", "-1", "--ci", "bootstrap"], "--boot"),
    (analyze, ["--split-samples", "0"], "--split-samples"),
    (analyze, ["--split-samples", "-1"], "--split-samples"),
    (quality, ["--alpha", "nan"], "--alpha"),
    (quality, ["--psychsyn-r", "5"], "--psychsyn-r"),
    (quality, ["--psychsyn-r", "nan"], "--psychsyn-r"),
    (quality, ["--longstring", "-3"], "--longstring"),
    (quality, ["--irv-below", "nan"], "--irv-below"),
    (quality, ["--even-odd-below", "7"], "--even-odd-below"),
    (quality, ["--attention-failures", "-1"], "--attention-failures"),
    (quality, ["--duration", "id", "--duration-below", "nan"], "--duration-below"),
]
for command, args, option in refused:
    try:
        r = s.run(command + args, timeout=30)
    except subprocess.TimeoutExpired:   # --split-samples -1 sampled 2^64 splits
        r = subprocess.CompletedProcess(args, "timed out after 30 s", b"", b"")
    s.check(r.returncode == 2 and option in r.stderr.decode() and r.stdout == b"",
            f"{command[0]} {' '.join(args)}: a usage error naming {option}",
            f"exit {r.returncode} {r.stdout[:80]!r} {r.stderr.decode()[-200:]!r}")

# The values the options are for still run.
accepted = [
    (score, ["--min-valid", "18"]), (score, ["--cutoff", "anxiety=7"]), (score, ["--seed", "18446744073709551615", "--classify", "kmeans"]),
    (score, ["--decimal", ","]), (analyze, ["--seed", "7", "--split-samples", "1"]),
    (quality, ["--alpha", "0.01", "--psychsyn-r", "0.5", "--longstring", "10", "--even-odd-below", "-1"]),
]
for command, args in accepted:
    r = s.run(command + args, timeout=60)
    s.check(r.returncode == 0, f"{command[0]} {' '.join(args)}: runs", f"exit {r.returncode} {r.stderr.decode()[-200:]!r}")
s.finish()
