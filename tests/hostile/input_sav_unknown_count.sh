#!/usr/bin/env bash
# Issue 26 item 1: an SPSS file whose header does not give its case count (-1, which the
# format allows) and that is cut short must be an error, never fewer rows with exit 0; so
# must a cut file that declares its count. Whole files still read every case.
source "$(dirname "$0")/input_common.sh"
SAV=$ROOT/examples/ecr-r.sav
"$ATTUNE" score -i ecr-r "$SAV" -f csv > "$T/full.csv" || fail "the whole file does not score"
rows=$(wc -l < "$T/full.csv")
python3 - "$SAV" "$T" <<'PY'
import sys
d = bytearray(open(sys.argv[1], 'rb').read())
open(sys.argv[2] + '/declared-cut.sav', 'wb').write(d[:-1])
d[80:84] = b'\xff' * 4                       # the case count: -1, unknown
open(sys.argv[2] + '/unknown.sav', 'wb').write(d)
for cut in list(range(1, 65)) + [100, 200, 400, 1000]:
    open('%s/unknown-cut-%d.sav' % (sys.argv[2], cut), 'wb').write(d[:-cut])
PY
"$ATTUNE" score -i ecr-r "$T/unknown.sav" -f csv > "$T/unknown.csv" || fail "an uncut file without a case count does not score"
expect_same "uncut, count unknown" "$T/full.csv" "$T/unknown.csv"
for f in "$T"/unknown-cut-*.sav "$T/declared-cut.sav"; do
  name=$(basename "$f")
  if "$ATTUNE" score -i ecr-r "$f" -f csv > "$T/out.csv" 2> "$T/err"; then
    # Exit 0 is allowed only when nothing was lost (a cut through the end marker's padding).
    [ "$(wc -l < "$T/out.csv")" = "$rows" ] || fail "$name: $(($(wc -l < "$T/out.csv") - 1)) of $((rows - 1)) rows, exit 0"
    expect_same "$name" "$T/full.csv" "$T/out.csv"
  else
    [ $? = 1 ] || fail "$name: exit code not 1"
    grep -q "truncated\|damaged" "$T/err" || fail "$name: the error does not say the file is cut: $(cat "$T/err")"
  fi
done
# Cut by one byte: never whole.
"$ATTUNE" score -i ecr-r "$T/unknown-cut-1.sav" > /dev/null 2> "$T/err" && fail "cut by 1 byte: exit 0"
grep -q "unknown-cut-1.sav: .*truncated" "$T/err" || fail "cut by 1 byte: $(cat "$T/err")"
echo ok
