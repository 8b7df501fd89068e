#!/usr/bin/env bash
# Analyses a generated file (quotes, CRLF, missing and NA cells, partly answered scales, so
# fractional scale scores; 5000 rows, so several batches for the pair-sums thread) with
# --threads 1, 2 and 4 in every format, and requires the same stdout, stderr and exit code;
# then the same for inputs whose first error comes late, after batches were handed over.
set -u
cd "$TMP" || exit 2
source "$ROOT/tests/cli/threads_helpers.sh"
generate 5000 0 0 >data.csv
[ "$(wc -l <data.csv)" -gt 5000 ] || { echo "generator failed"; exit 1; }
for format in csv json table; do
  same analyze -i ecr-r --missing NA data.csv -f "$format"
done
# The fewest replicates --boot takes (more add time only): the threads gather the rows, run
# omega's fits if an item is dropped and the bootstrap replicates, all in the output compared.
same analyze -i ecr-r --missing NA data.csv -f csv --ci bootstrap --boot 100 --seed 3
[ "$(grep -c '^omega\.drop,' out.4)" -eq 36 ] && grep -q '^omega\.boot\.ci,avoidance,,upper,0\.' out.4 \
  || { echo "expected omega if dropped for 36 items and omega's bootstrap interval"; fail=1; }
same analyze -i ecr-r --na '' data.csv -f csv   # with --na '' NA is invalid: counted, with a warning
grep -q "invalid" err.1 || { echo "expected an invalid-cells warning: $(cat err.1)"; fail=1; }
# Errors late in the file, after batches were handed over: the same message and exit code.
same_late_errors analyze -i ecr-r --missing NA
# Sanity: the comparison above saw a real report over every row.
"$ATTUNE" analyze -i ecr-r --missing NA data.csv -f csv --threads 2 2>/dev/null | grep -q '^total,anxiety,,n,5000$' \
  || { echo "expected a report over 5000 rows"; fail=1; }
exit $fail
