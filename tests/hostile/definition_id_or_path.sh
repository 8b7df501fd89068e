#!/usr/bin/env bash
# Issue 26, smaller: an id is looked up on the search path only; a file in the current folder
# named like an id (ecr-r, no extension) must not replace the shipped instrument. Paths need
# a '/' or a .yaml/.yml ending, and --help says so.
source "$(dirname "$0")/input_common.sh"
CSV=$ROOT/examples/ecr-r.csv
"$ATTUNE" score -i ecr-r "$CSV" -f csv > "$T/want.csv" || fail "score -i ecr-r"
# A definition of the same id with every item reversed, saved as ./ecr-r.
sed 's/keys: \[/keys: [-/' "$ROOT/instruments/ecr-r.yaml" > "$T/ecr-r"
(cd "$T" && "$ATTUNE" score -i ecr-r "$CSV" -f csv > got.csv 2> err) || fail "score -i ecr-r beside ./ecr-r: $(cat "$T/err")"
expect_same "score -i ecr-r beside a file named ecr-r" "$T/want.csv" "$T/got.csv"
(cd "$T" && "$ATTUNE" describe ecr-r > got.txt 2>&1) || fail "describe ecr-r beside ./ecr-r"
"$ATTUNE" describe ecr-r > "$T/want.txt" 2>&1
expect_same "describe ecr-r beside a file named ecr-r" "$T/want.txt" "$T/got.txt"
# As a path it is read: ./ecr-r.
(cd "$T" && "$ATTUNE" score -i ./ecr-r "$CSV" -f csv > path.csv 2>&1) || fail "score -i ./ecr-r: $(cat "$T/path.csv")"
cmp -s "$T/want.csv" "$T/path.csv" && fail "score -i ./ecr-r read the shipped instrument"
"$ATTUNE" score --help | grep -q "'/'.*\.yaml" || fail "score --help does not say how a path is told from an id"
echo ok
