#!/usr/bin/env bash
# Records whose every cell is empty are left out the same way whatever the threads: a generated
# file whose first 4,000 records (more than one block of a worker thread) are lines of commas,
# with more of them between and after the respondents, gives the same bytes with --threads 1, 2
# and 4 in every format (JSON's first row included), for score and analyze; then the rows are
# the respondents alone, and the note counts the left-out records.
set -u
cd "$TMP" || exit 2
source "$ROOT/tests/cli/threads_helpers.sh"
generate 5000 0 0 >respondents.csv
empty=",,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,"   # 38 fields, all empty
# After every 700th line that holds a whole record (starts a respondent, no quote left open),
# one empty record ended by LF and one by CRLF.
awk -v e="$empty" 'NR == 1 { print; for (i = 0; i < 4000; i++) print e; next }
  { print; line = $0 } NR % 700 == 0 && /^p/ && gsub(/"/, "", line) % 2 == 0 { print e; print e "\r"; n += 2 }
  END { for (i = 0; i < 3; i++) print e; print 4003 + n >"left_out" }' respondents.csv >data.csv
left_out=$(cat left_out)
[ "$left_out" -gt 4003 ] || { echo "no empty record between respondents"; fail=1; }
for format in csv json jsonl tsv; do
  same score -i ecr-r --keep note --invalid missing data.csv -f "$format"
  same score -i ecr-r --keep note --invalid missing --keep-empty data.csv -f "$format"
done
same analyze -i ecr-r data.csv -f csv
"$ATTUNE" score -i ecr-r --invalid missing data.csv -f json --threads 4 2>err >out.json
python3 -c "import json, sys; rows = json.load(open('out.json')); sys.exit(len(rows) != 5000)" \
  || { echo "expected 5000 JSON rows"; fail=1; }
grep -qx "attune: note: left out $left_out record(s) of data.csv whose every cell is empty (not respondents), at line(s) 2, 3, 4, 5, 6, ...; --keep-empty keeps them as rows" err \
  || { echo "unexpected note: $(cat err)"; fail=1; }
"$ATTUNE" score -i ecr-r --invalid missing --keep-empty data.csv -f csv --threads 4 2>/dev/null | tail -n +2 | grep -c '^\(p\|,\)' | grep -qx $((5000 + left_out)) \
  || { echo "expected $((5000 + left_out)) rows with --keep-empty"; fail=1; }
exit $fail
