#!/usr/bin/env bash
# quality's first pass on worker threads (--threads 2 and 4: Likert lines summed as codes per
# worker, every other row handed back and added in input order) gives the same bytes as on one
# thread: rows that are not plain Likert lines (quoted notes, some over two lines; NA cells; an
# out-of-range answer counted missing; answers off the whole steps) mixed with plain ones, the
# invalid-cell warning, the narrow-range warning; and the same first error in input order when a
# bad cell comes before or after a broken row.
set -u
cd "$TMP" || exit 2
source "$ROOT/tests/cli/threads_helpers.sh"
generate 6000 2500 0 >data.csv
# Every 700th respondent answers Q3 with 2.5 (not a whole step: read as a value, not a code).
awk -F, 'BEGIN { OFS = "," } /^p/ && NR % 700 == 0 && $3 != "" && $3 !~ /"/ { $5 = "2.5" } { print }' data.csv >mixed.csv
same quality -i ecr-r mixed.csv --invalid missing -f csv --summary
same quality -i ecr-r mixed.csv --invalid missing --mahalanobis-missing psych -f json
grep -q 'invalid cell(s) counted as missing' err.1 || { echo "expected the invalid-cell warning: $(cat err.1)"; fail=1; }
# Answers 2..6 only: the narrow-range warning counts every answer and respondent.
sed -e 's/,1,/,2,/g; s/,7,/,6,/g; s/,1,/,2,/g; s/,7,/,6,/g; s/,1\r*$/,2/; s/,7\r*$/,6/' mixed.csv >narrow.csv
same quality -i ecr-r narrow.csv --invalid missing -f csv
grep -q 'no answer reached' err.1 || { echo "expected the narrow-range warning: $(cat err.1)"; fail=1; }
same_late_errors quality -i ecr-r
exit $fail
