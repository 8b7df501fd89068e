# Shared by the --threads comparison cases (source it with $ATTUNE set and in $TMP).

# generate ROWS BAD RAGGED: writes a CSV with id, a kept "note" column and Q1..Q36: notes with
# quotes, commas, a quoted CRLF, a formula; answers 1..7 with empty and NA cells; lines ended
# by CRLF or LF; fixed seed. BAD is the row whose Q20 is 11, RAGGED the row with an extra field
# (0: none).
generate() {
  awk -v rows="$1" -v bad="$2" -v ragged="$3" 'BEGIN {
    srand(7); printf "id,note"; for (i = 1; i <= 36; i++) printf ",Q%d", i; printf "\r\n";
    for (r = 1; r <= rows; r++) {
      printf "p%d,", r;
      k = r % 5;
      if (k == 0) printf "\"said \"\"hi\"\", then, left\"";
      else if (k == 1) printf "\"two\r\nlines\"";
      else if (k == 2) printf "=SUM(A1)";
      else if (k == 3) printf "plain";
      for (i = 1; i <= 36; i++) {
        x = int(rand() * 9);
        if (r == bad && i == 20) printf ",11";
        else if (x == 0) printf ",";
        else if (x == 8) printf ",NA";
        else printf ",%d", 1 + int(rand() * 7);
      }
      if (r == ragged) printf ",extra";
      if (r % 3 == 0) printf "\n"; else printf "\r\n";
    }
  }'
}

fail=0
same() {   # runs "$@" with --threads 1 2 4 and compares everything (on an error, stdout is cut
           # wherever the buffers were flushed: only stderr and the exit code must match then)
  local compared="out err code"
  if [ "$1" = --error ]; then compared="err code"; shift; fi
  for t in 1 2 4; do
    "$ATTUNE" "$@" --threads "$t" >"out.$t" 2>"err.$t"
    echo $? >"code.$t"
  done
  for t in 2 4; do
    for f in $compared; do
      if ! cmp -s "$f.1" "$f.$t"; then echo "differs with --threads $t ($f): $*"; fail=1; fi
    done
  done
}

# same_late_errors CMD...: CMD on a file whose row 3100 has Q20 = 11 (and row 4200 an extra
# field), then on one whose row 2500 has an extra field (and row 4900 the bad cell), with
# --threads 1, 2 and 4: the first problem in input order is the error, whatever the threads,
# with the same message and exit code.
same_late_errors() {
  generate 5000 3100 4200 >bad.csv
  same --error "$@" bad.csv -f csv
  grep -q 'column "Q20": value "11" is out of range' err.1 || { echo "error does not name the bad cell: $(cat err.1)"; fail=1; }
  generate 5000 4900 2500 >ragged.csv
  same --error "$@" ragged.csv -f csv
  grep -q "fields but the header has" err.1 || { echo "expected the ragged-row error: $(cat err.1)"; fail=1; }
}
