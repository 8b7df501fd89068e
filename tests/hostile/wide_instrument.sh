#!/usr/bin/env bash
# Issue 26 item 9: binding a wide instrument's columns and checking its definition take time
# in proportion to its size, not its square: 100,000 items (within the limits) and 20 rows
# score in seconds of CPU (once 43 s), and check too (once 5.2 s).
source "$(dirname "$0")/input_common.sh"
python3 - "$T" <<'PY'
import sys, random
n = 100000
t = sys.argv[1]
keys = lambda r: ', '.join(str(-i if i % 7 == 0 else i) for i in r)
with open(t + '/wide.yaml', 'w') as f:
    f.write('id: wide\nname: Wide\nversion: "1"\n')
    f.write('citation: {authors: "Doe, J.", year: 2024, title: "Wide"}\n')
    f.write('response: {min: 1, max: 5}\n')
    f.write('items: {count: %d, column: "Q{n}"}\n' % n)
    f.write('scales:\n  anxiety: {keys: [%s]}\n  avoidance: {keys: [%s]}\n'
            % (keys(range(1, n + 1, 2)), keys(range(2, n + 1, 2))))
random.seed(1)
with open(t + '/wide.csv', 'w') as f:
    f.write(','.join('Q%d' % i for i in range(n, 0, -1)) + '\n')   # reversed order, no id: 100,000 columns (the limit)
    for r in range(20):
        f.write(','.join(str(random.randint(1, 5)) for _ in range(n)) + '\n')
PY
[ "$(stat -c %s "$T/wide.yaml")" -lt 1048576 ] || fail "the definition is over the limit"
# Budgets in CPU seconds, which a busy machine does not stretch as it does wall time (this
# takes about 0.6 s each; the quadratic binding took 43 s, the quadratic check 5.2 s).
(ulimit -t 3; timeout 120 "$ATTUNE" check "$T/wide.yaml") > /dev/null 2> "$T/err" || fail "check: exit $? (CPU limit 3 s) $(cat "$T/err")"
(ulimit -t 8; timeout 120 "$ATTUNE" score -i "$T/wide.yaml" "$T/wide.csv" -f csv) > "$T/out.csv" 2> "$T/err" ||
  fail "score: exit $? (CPU limit 8 s) $(cat "$T/err")"
[ "$(wc -l < "$T/out.csv")" = 21 ] || fail "score: not 20 rows"
echo ok
