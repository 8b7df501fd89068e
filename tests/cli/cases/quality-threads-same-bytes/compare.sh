#!/usr/bin/env bash
# quality's second pass gives the same bytes with --threads 1, 2 and 4: a generated file of
# 5,000 respondents (several batches of a worker thread; blank and NA cells, so many patterns of
# missing answers for Mahalanobis D²; quoted notes over two lines) with empty records between
# them, in every format, under both rules for missing answers, with a flag set.
set -u
cd "$TMP" || exit 2
source "$ROOT/tests/cli/threads_helpers.sh"
generate 5000 0 0 >respondents.csv
empty=",,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,"
awk -v e="$empty" 'NR == 1 { print; next } { print; line = $0 } NR % 900 == 0 && /^p/ && gsub(/"/, "", line) % 2 == 0 { print e }' \
  respondents.csv >data.csv
for format in csv json tsv; do
  same quality -i ecr-r --keep note data.csv -f "$format" --summary
done
same quality -i ecr-r --keep note --mahalanobis-missing psych data.csv -f csv
same quality -i ecr-r --longstring 5 --irv-below 1 data.csv -f csv
"$ATTUNE" quality -i ecr-r data.csv -f csv --threads 4 2>/dev/null | tail -n +2 | grep -c '^p' | grep -qx 5000 \
  || { echo "expected 5000 respondents' rows"; fail=1; }
exit $fail
