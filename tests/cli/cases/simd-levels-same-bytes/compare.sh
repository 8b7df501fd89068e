#!/usr/bin/env bash
# Scores and analyses a generated file (quotes, CRLF, missing and NA cells, partly answered
# scales; 5000 rows, so several blocks of the Likert sums) with the kernels of every instruction
# set this CPU runs (ATTUNE_SIMD=plain, avx2, avx512, avx512-vbmi2: the byte kernels of analyze,
# the AVX-512 line decoder; the default is the best), on one thread and two, and requires the
# same bytes as the default run; then the same error for a late bad cell.
set -u
cd "$TMP" || exit 2
source "$ROOT/tests/cli/threads_helpers.sh"
generate 5000 0 0 >data.csv
for command in "analyze -i ecr-r --missing NA data.csv -f csv" "score -i ecr-r --missing NA --keep note data.csv -f csv" \
               "score -i ecr-r --missing NA data.csv -f json --summary"; do
  # shellcheck disable=SC2086
  "$ATTUNE" $command >default.out 2>default.err || { echo "default run failed: $command"; exit 1; }
  [ "$(wc -l <default.out)" -gt 100 ] || { echo "expected a long output: $command"; exit 1; }
  for level in plain avx2 avx512 avx512-vbmi2; do
    for t in 1 2; do
      # shellcheck disable=SC2086
      ATTUNE_SIMD=$level "$ATTUNE" $command --threads $t >"$level.$t.out" 2>"$level.$t.err"
      cmp -s default.out "$level.$t.out" || { echo "ATTUNE_SIMD=$level --threads $t: the output differs: $command"; fail=1; }
      cmp -s default.err "$level.$t.err" || { echo "ATTUNE_SIMD=$level --threads $t: stderr differs: $command"; fail=1; }
    done
  done
done
generate 5000 3100 0 >bad.csv
for command in analyze score; do
  ATTUNE_SIMD=plain "$ATTUNE" $command -i ecr-r --missing NA bad.csv -f csv >/dev/null 2>plain.bad.err
  code_plain=$?
  "$ATTUNE" $command -i ecr-r --missing NA bad.csv -f csv >/dev/null 2>default.bad.err
  code_default=$?
  [ "$code_plain" = 1 ] && [ "$code_default" = 1 ] || { echo "$command: expected exit code 1 for the bad cell: $code_plain $code_default"; fail=1; }
  cmp -s plain.bad.err default.bad.err || { echo "$command: the error differs between kernels"; fail=1; }
done
exit $fail
