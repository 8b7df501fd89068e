# Sourced by the input-side hostile tests: $1 the attune binary, $2 the source tree.
# Gives ATTUNE, ROOT, a scratch folder T (removed on exit) and fail/expect helpers.
set -u
ATTUNE=$1
ROOT=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export NO_COLOR=1 ATTUNE_INSTRUMENT_PATH=$ROOT/instruments
fail() { echo "FAIL: $*" >&2; exit 1; }
# expect_same NAME FILE1 FILE2: the two outputs are the same bytes.
expect_same() { cmp -s "$2" "$3" || { diff "$2" "$3" | head -5 >&2; fail "$1: outputs differ"; }; }
