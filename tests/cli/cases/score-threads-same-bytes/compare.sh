#!/usr/bin/env bash
# Scores a generated file (quotes, CRLF, missing and invalid cells, multi-line quoted kept
# fields; several thousand rows, so many batches) with --threads 1, 2 and 4 in every format,
# and requires the same stdout, stderr and exit code each time; then the same for inputs
# whose first error comes late, after rows other threads have already scored.
set -u
cd "$TMP" || exit 2
source "$ROOT/tests/cli/threads_helpers.sh"
generate 5000 0 0 >data.csv
[ "$(wc -l <data.csv)" -gt 5000 ] || { echo "generator failed"; exit 1; }
for format in csv tsv json jsonl table; do
  same score -i ecr-r --keep note --invalid missing --missing 11 data.csv -f "$format"
  same score -i ecr-r --keep note --safe-csv --summary data.csv -f "$format"
done
same score -i ecr-r -i ecr --columns ecr=Q{n} --keep note --provenance data.csv -f csv
same score -i ecr-r --id note data.csv -f jsonl
same score -i ecr-r --na '' --invalid missing data.csv -f csv   # with --na '' NA cells are invalid: counted per column
grep -q "invalid cell" err.1 || { echo "expected an invalid-cells warning"; fail=1; }
# Errors: the first bad cell in input order wins, whatever the threads; no output file.
same_late_errors score -i ecr-r --missing NA
for t in 1 2 4; do
  "$ATTUNE" score -i ecr-r --missing NA bad.csv -o "scores.$t.csv" --threads "$t" 2>/dev/null
  [ -e "scores.$t.csv" ] && { echo "an output file was left after an error (--threads $t)"; fail=1; }
done
[ "$(ls -A | grep -c '^\.scores')" = 0 ] || { echo "a temporary output file was left"; fail=1; }
# Sanity: the comparison above saw real output.
"$ATTUNE" score -i ecr-r --keep note --missing NA data.csv -f csv --threads 2 | grep -c '^p' | grep -qx 5000 \
  || { echo "expected 5000 rows"; fail=1; }
exit $fail
