#!/usr/bin/env bash
# Issue 26 item 10: --threads is capped at a multiple of the cores (with a note), and a run
# whose threads cannot start (here: each thread's 1 GB stack does not fit a 1.5 GB
# address-space limit) uses one thread instead of failing. Output as with --threads 1.
source "$(dirname "$0")/input_common.sh"
# Address-space limits (ulimit -v) cannot hold a sanitizer build, which reserves terabytes.
if ldd "$ATTUNE" 2>/dev/null | grep -q 'libasan'; then echo "skipped: a sanitizer build cannot run under ulimit -v"; exit 77; fi
CSV=$ROOT/examples/ecr-r.csv
"$ATTUNE" score -i ecr-r "$CSV" -f csv --threads 1 > "$T/want.csv" || fail "--threads 1"
(ulimit -v 2000000; timeout 20 "$ATTUNE" score -i ecr-r "$CSV" -f csv --threads 100000) > "$T/got.csv" 2> "$T/err" ||
  fail "--threads 100000: $(head -c 300 "$T/err")"
expect_same "--threads 100000" "$T/want.csv" "$T/got.csv"
grep -q "note: --threads 100000 is more than 4 per core: using" "$T/err" || fail "--threads 100000: no note: $(cat "$T/err")"
for threads in 0 2; do
  for cmd in score analyze; do
    "$ATTUNE" $cmd -i ecr-r "$CSV" --threads 1 > "$T/want" 2>&1
    (ulimit -s 1000000; ulimit -v 1500000; timeout 20 "$ATTUNE" $cmd -i ecr-r "$CSV" --threads $threads) > "$T/got" 2> "$T/err" ||
      fail "$cmd --threads $threads, threads cannot start: $(head -c 300 "$T/err")"
    grep -v "^attune: note: cannot start" "$T/err" >> "$T/got"
    expect_same "$cmd --threads $threads, threads cannot start" "$T/want" "$T/got"
  done
done
echo ok
