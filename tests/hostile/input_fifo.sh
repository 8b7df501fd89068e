#!/usr/bin/env bash
# Issue 26 item 6 and issue 24 item 7: named pipes, process substitution, /dev/stdin and "-"
# are opened once and read forward only, for score, analyze and quality; SPSS/Stata data on
# standard input is recognised by its first bytes.
source "$(dirname "$0")/input_common.sh"
CSV=$ROOT/examples/ecr-r.csv
to() { timeout 20 "$@"; }   # a hang fails the test rather than the suite
# A large input (far more than one sniff or read buffer): 40 copies of the example's rows.
{ head -1 "$CSV"; for i in $(seq 40); do tail -n +2 "$CSV" | sed "s/^P/R${i}_/"; done; } > "$T/large.csv"
for input in "$CSV" "$T/large.csv"; do
  n=$(basename "$input")
  "$ATTUNE" score -i ecr-r "$input" -f csv > "$T/want.csv" || fail "$n: the file does not score"
  to "$ATTUNE" score -i ecr-r <(cat "$input") -f csv > "$T/got.csv" 2> "$T/err" || fail "$n via <(...): $(cat "$T/err")"
  expect_same "$n via <(...)" "$T/want.csv" "$T/got.csv"
  to "$ATTUNE" score -i ecr-r /dev/stdin -f csv < <(cat "$input") > "$T/got.csv" 2> "$T/err" || fail "$n via /dev/stdin: $(cat "$T/err")"
  expect_same "$n via /dev/stdin" "$T/want.csv" "$T/got.csv"
  rm -f "$T/ff" && mkfifo "$T/ff"
  (cat "$input" > "$T/ff" &)
  to "$ATTUNE" score -i ecr-r "$T/ff" -f csv > "$T/got.csv" 2> "$T/err" || fail "$n via a FIFO: $(cat "$T/err")"
  expect_same "$n via a FIFO" "$T/want.csv" "$T/got.csv"
  for cmd in analyze quality; do
    "$ATTUNE" $cmd -i ecr-r "$input" > "$T/want.txt" 2>&1 || fail "$cmd $n: the file fails"
    to "$ATTUNE" $cmd -i ecr-r <(cat "$input") > "$T/got.txt" 2>&1 || fail "$cmd $n via <(...): $(cat "$T/got.txt")"
    if [ $cmd = quality ]; then   # a pipe cannot be read twice: quality holds the rows and says so
      grep -q "cannot be read twice: quality holds" "$T/got.txt" || fail "quality $n via <(...): no note that it holds the rows"
      sed -i '/cannot be read twice: quality holds/d' "$T/got.txt"
    fi
    expect_same "$cmd $n via <(...)" "$T/want.txt" "$T/got.txt"
  done
done
# Binary data sets through a pipe read as the file does.
for f in ecr-r.sav ecr-r.zsav ecr-r.dta ecr-r.sas7bdat; do
  "$ATTUNE" score -i ecr-r "$ROOT/examples/$f" -f csv > "$T/want.csv" || fail "$f does not score"
  to "$ATTUNE" score -i ecr-r - -f csv < <(cat "$ROOT/examples/$f") > "$T/got.csv" 2> "$T/err" || fail "$f on stdin: $(cat "$T/err")"
  expect_same "$f on stdin" "$T/want.csv" "$T/got.csv"
  to "$ATTUNE" score -i ecr-r <(cat "$ROOT/examples/$f") -f csv > "$T/got.csv" 2> "$T/err" || fail "$f via <(...): $(cat "$T/err")"
  expect_same "$f via <(...)" "$T/want.csv" "$T/got.csv"
done
# Definitions through pipes.
to "$ATTUNE" check <(cat "$ROOT/instruments/ecr-r.yaml") > /dev/null || fail "check via <(...)"
to "$ATTUNE" score -i <(cat "$ROOT/instruments/ecr-r.yaml") "$CSV" -f csv > "$T/got.csv" || fail "-i via <(...)"
"$ATTUNE" score -i ecr-r "$CSV" -f csv > "$T/want.csv"
expect_same "-i via <(...)" "$T/want.csv" "$T/got.csv"
echo ok
