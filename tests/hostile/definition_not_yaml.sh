#!/usr/bin/env bash
# Issue 26, smaller: check on a file that is no definition echoes at most a short, escaped
# excerpt of it (none for a file that is not text); a second YAML document is an error, not
# silently ignored.
source "$(dirname "$0")/input_common.sh"
secret='$6$Zq8sLt0pXw$k1o2TsecretHASHsecretHASHsecretHASH'
printf 'root:%s:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n' "$secret" > "$T/shadow"
"$ATTUNE" check "$T/shadow" > /dev/null 2> "$T/err" && fail "check shadow: exit 0"
grep -q "secretHASH" "$T/err" && fail "check shadow echoes the file: $(cat "$T/err")"
grep -q "unknown key" "$T/err" || fail "check shadow: $(cat "$T/err")"
awk 'length($0) > 400 { exit 1 }' "$T/err" || fail "check shadow: a line over 400 bytes"
# Not text: no excerpt at all.
{ printf 'root: x\0'; head -c 2000 "$ATTUNE"; } > "$T/binary.yaml"
"$ATTUNE" check "$T/binary.yaml" > /dev/null 2> "$T/err" && fail "check binary: exit 0"
grep -q "is not a YAML definition: it holds binary data, not text" "$T/err" || fail "check binary: $(cat "$T/err")"
grep -q "root" "$T/err" && fail "check binary echoes the file: $(cat "$T/err")"
# A second document.
{ cat "$ROOT/instruments/ecr-r.yaml"; printf -- '---\nid: other\n'; } > "$T/two.yaml"
"$ATTUNE" check "$T/two.yaml" > /dev/null 2> "$T/err"
[ $? = 1 ] || fail "check two documents: not exit 1: $(cat "$T/err")"
grep -q "a second YAML document" "$T/err" || fail "check two documents: $(cat "$T/err")"
"$ATTUNE" score -i "$T/two.yaml" "$ROOT/examples/ecr-r.csv" > /dev/null 2>&1 && fail "score -i two documents: exit 0"
# A trailing document marker alone is no second document.
{ cat "$ROOT/instruments/ecr-r.yaml"; printf -- '---\n'; } > "$T/end.yaml"
"$ATTUNE" check "$T/end.yaml" > /dev/null 2> "$T/err" || fail "check with a trailing ---: $(cat "$T/err")"
echo ok
