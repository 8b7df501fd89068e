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
# A file of plain lines (no quotes, no NA: the lines the fast paths read, the AVX-512 decoder
# among them) and the same answers with every cell quoted (lines the general parser reads):
# score and analyze must give the same bytes (and warnings) for both, at every level.
awk 'BEGIN {
  srand(11); printf "id"; for (i = 1; i <= 36; i++) printf ",Q%d", i; printf "\n";
  for (r = 1; r <= 3000; r++) {
    printf "%d", r;
    for (i = 1; i <= 36; i++) { x = int(rand() * 12); if (x == 0) printf ","; else printf ",%d", 1 + x % 7 }
    if (r % 4 == 0) printf "\r\n"; else printf "\n";
  }
}' >plain.csv
awk -F, 'BEGIN { OFS = "," } NR > 1 { sub(/\r$/, ""); for (i = 1; i <= NF; i++) $i = "\"" $i "\"" } { print }' plain.csv >quoted.csv
for command in "analyze -i ecr-r" "score -i ecr-r"; do
  # shellcheck disable=SC2086
  "$ATTUNE" $command quoted.csv -f csv >quoted.out 2>quoted.err || { echo "quoted run failed: $command"; fail=1; }
  for level in plain avx2 avx512 avx512-vbmi2; do
    for t in 1 2; do
      # shellcheck disable=SC2086
      ATTUNE_SIMD=$level "$ATTUNE" $command plain.csv -f csv --threads $t >"plain.$level.$t.out" 2>"plain.$level.$t.err"
      cmp -s quoted.out "plain.$level.$t.out" || { echo "ATTUNE_SIMD=$level --threads $t: plain lines differ from quoted ones: $command"; fail=1; }
      cmp -s quoted.err "plain.$level.$t.err" || { echo "ATTUNE_SIMD=$level --threads $t: stderr differs from the quoted run's: $command"; fail=1; }
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
