#!/usr/bin/env bash
# Issue 26 item 8: CSV with CR-only line ends (classic Mac) is streamed like LF files: a
# 150 MB one, piped, scores every row in bounded memory (it once failed with a record-length
# error past 129 MiB, and took memory in proportion below that).
source "$(dirname "$0")/input_common.sh"
# Address-space limits (ulimit -v) cannot hold a sanitizer build, which reserves terabytes.
if ldd "$ATTUNE" 2>/dev/null | grep -q 'libasan'; then echo "skipped: a sanitizer build cannot run under ulimit -v"; exit 77; fi
four=$ROOT/tests/bad-input/four.yaml
# 150,000 rows of about 1 KB each (a padding column), CR after every line.
gen() {
  python3 - <<'PY'
import sys
pad = 'x' * 1000
out = sys.stdout.buffer
out.write(b'id,Q1,Q2,Q3,Q4,pad\r')
block = b''.join(b'p%d,1,2,3,4,%s\r' % (i, pad.encode()) for i in range(1000))
for k in range(150):
    out.write(block.replace(b'\rp', b'\rp%d_' % k))
PY
}
gen | (ulimit -v 200000; timeout 60 "$ATTUNE" score -i "$four" - -f csv --threads 1) > "$T/out.csv" 2> "$T/err" ||
  fail "score, one thread: $(head -c 300 "$T/err")"
[ "$(wc -l < "$T/out.csv")" = 150001 ] || fail "score: $(($(wc -l < "$T/out.csv") - 1)) rows of 150000"
gen | (ulimit -v 400000; timeout 60 "$ATTUNE" score -i "$four" - -f csv --threads 2) > "$T/out2.csv" 2> "$T/err" ||
  fail "score, two threads: $(head -c 300 "$T/err")"
expect_same "CR-only, two threads" "$T/out.csv" "$T/out2.csv"
# A small CR-only file reads as its LF twin does.
printf 'id,Q1,Q2,Q3,Q4\ra,1,2,3,4\rb,5,4,3,2\r' > "$T/cr.csv"
tr '\r' '\n' < "$T/cr.csv" > "$T/lf.csv"
"$ATTUNE" score -i "$four" "$T/cr.csv" -f csv > "$T/a" || fail "small CR-only file"
"$ATTUNE" score -i "$four" "$T/lf.csv" -f csv > "$T/b" || fail "small LF file"
expect_same "small CR-only file" "$T/a" "$T/b"
echo ok
