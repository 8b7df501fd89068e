#!/usr/bin/env bash
# Analyses a generated file (quotes, CRLF, missing and NA cells, partly answered scales; 5000
# rows, so several blocks of the Likert sums) with the byte kernels of every instruction set
# this CPU runs (ATTUNE_SIMD=plain, avx2, avx512; the default is the best), on one thread and
# two, and requires the same bytes as the default run; then the same for a late error.
set -u
cd "$TMP" || exit 2
source "$ROOT/tests/cli/threads_helpers.sh"
generate 5000 0 0 >data.csv
"$ATTUNE" analyze -i ecr-r --missing NA data.csv -f csv >default.csv 2>default.err || { echo "default run failed"; exit 1; }
grep -q '^scale,anxiety,,5000,' default.csv || { echo "expected a report over 5000 rows"; exit 1; }
for level in plain avx2 avx512; do
  for t in 1 2; do
    ATTUNE_SIMD=$level "$ATTUNE" analyze -i ecr-r --missing NA data.csv -f csv --threads $t >"$level.$t.csv" 2>"$level.$t.err"
    cmp -s default.csv "$level.$t.csv" || { echo "ATTUNE_SIMD=$level --threads $t: the report differs"; fail=1; }
    cmp -s default.err "$level.$t.err" || { echo "ATTUNE_SIMD=$level --threads $t: stderr differs"; fail=1; }
  done
done
generate 5000 3100 0 >bad.csv
ATTUNE_SIMD=plain "$ATTUNE" analyze -i ecr-r --missing NA bad.csv -f csv >/dev/null 2>plain.bad.err
code_plain=$?
"$ATTUNE" analyze -i ecr-r --missing NA bad.csv -f csv >/dev/null 2>default.bad.err
code_default=$?
[ "$code_plain" = 1 ] && [ "$code_default" = 1 ] || { echo "expected exit code 1 for the bad cell: $code_plain $code_default"; fail=1; }
cmp -s plain.bad.err default.bad.err || { echo "the error differs between kernels"; fail=1; }
exit $fail
