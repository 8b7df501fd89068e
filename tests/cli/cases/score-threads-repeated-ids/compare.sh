#!/usr/bin/env bash
# Repeated ids are found the same with --threads 1, 2 and 4. Numbered ids in long ascending
# runs (which the threads hand over as runs) broken by a text id, an empty id, a zero-padded
# id, a record spanning two lines, and repeats of earlier ids inside and across runs (the
# threads' batches are ~1,650 of these rows: the two-line record and the first repeat share
# one, and so do row 2490 and the "x" of row 2501; rows 6999 and 7000 sit in one run): the
# warning (count, first repeat and its lines) and the output must not depend on the threads.
set -u
cd "$TMP" || exit 2
source "$ROOT/tests/cli/threads_helpers.sh"
awk 'BEGIN {
  printf "id,note"; for (i = 1; i <= 36; i++) printf ",Q%d", i; printf "\n";
  for (r = 1; r <= 8000; r++) {
    id = r; note = "n";
    if (r == 2501) id = "x";
    if (r == 3600) note = "\"two\nlines\"";
    if (r == 4500) id = 4000;     # the first repeat: of row 4000, line 4002 (after the two-line record)
    if (r == 5000) id = 17;       # a repeat of the first run
    if (r == 5001) id = "";
    if (r == 5002) id = "0012";   # not the same text as 12: a new id
    if (r == 5500) id = 2501;     # repeats nothing (row 2501 had "x")
    if (r == 7000) id = 6999;     # repeats the row just before, inside an unbroken run
    if (r == 5900) id = "x";      # repeats row 2501
    if (r == 5950) id = 2490;     # repeats a row that came shortly before the "x" of row 2501
    printf "%s,%s", id, note;
    for (i = 1; i <= 36; i++) printf ",%d", 1 + (r * i) % 7;
    printf "\n";
  }
}' >ids.csv
same score -i ecr-r --keep note ids.csv -f csv
grep -q 'ids.csv: 5 rows repeat an earlier row.s id; the first: id "4000" on lines 4002 and 4502' err.1 \
  || { echo "unexpected warning: $(cat err.1)"; fail=1; }
exit $fail
