# Two CSV files (quoted CRLF notes, LF and CRLF ends) read as one: --threads 1, 2
# and 4 write the same bytes, which are the files' own outputs one after the other.
set -u
cd "$TMP" || exit 1
. "$ROOT/tests/cli/threads_helpers.sh"
generate 3000 0 0 > a.csv
generate 2500 0 0 | sed 's/^p/q/' > b.csv
"$ATTUNE" score -i ecr-r a.csv -f csv --keep note --threads 1 > one-a.csv || fail=1
"$ATTUNE" score -i ecr-r b.csv -f csv --keep note --threads 1 > one-b.csv || fail=1
{ cat one-a.csv; tail -n +2 one-b.csv; } > expected.csv
for t in 1 2 4; do
  "$ATTUNE" score -i ecr-r a.csv b.csv -f csv --keep note --threads "$t" > "t$t.csv" || fail=1
  cmp expected.csv "t$t.csv" || { echo "--threads $t differs from the files scored one by one"; fail=1; }
  "$ATTUNE" score -i ecr-r a.csv b.csv --source-column file -f jsonl --threads "$t" > "s$t.jsonl" || fail=1
done
cmp s1.jsonl s2.jsonl && cmp s1.jsonl s4.jsonl || { echo "--source-column output differs by threads"; fail=1; }
test "$(grep -c '"file":"b.csv"' s1.jsonl)" = 2500 || { echo "not 2500 rows from b.csv"; fail=1; }
test "$(wc -l < expected.csv)" -gt 5500 || { echo "too few rows"; fail=1; }
exit "$fail"
