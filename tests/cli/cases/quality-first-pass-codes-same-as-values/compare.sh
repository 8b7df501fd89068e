#!/usr/bin/env bash
# quality's first pass reads a file's plain Likert lines as codes (LikertMoments) and every other
# row as values (PairwiseMoments); through a pipe it holds the rows and reads every one as values.
# The sample statistics, so every index, must be the same bytes both ways: 5,000 respondents
# with quoted notes (some over two lines), CRLF and LF ends, blank and NA cells, an invalid cell
# turned missing, one thread and two, both rules for missing answers.
set -u
cd "$TMP" || exit 2
source "$ROOT/tests/cli/threads_helpers.sh"
fail=0
generate 5000 1200 0 >data.csv
both() {   # the file and the same bytes through a pipe, compared
  "$ATTUNE" quality -i ecr-r data.csv "$@" >file.out 2>file.err
  cat data.csv | "$ATTUNE" quality -i ecr-r - "$@" >pipe.out 2>pipe.err
  if ! cmp -s file.out pipe.out; then echo "file and pipe differ: $*"; fail=1; fi
  grep -q 'p5000' file.out || { echo "no row for the last respondent: $*"; fail=1; }
}
both --keep note -f csv --invalid missing --threads 1
both --keep note -f csv --invalid missing --mahalanobis-missing psych --threads 2
both -f json --invalid missing --longstring 5 --threads 1
exit $fail
