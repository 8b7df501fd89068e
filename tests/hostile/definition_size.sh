#!/usr/bin/env bash
# Issue 26 item 7: a definition's size limit (1 MiB) is checked before reading, so an endless
# or huge file costs nothing: check /dev/zero, an 800 MB and a 20 GB (sparse) .yaml on the
# search path, under a 400 MB address-space limit.
source "$(dirname "$0")/input_common.sh"
# Address-space limits (ulimit -v) cannot hold a sanitizer build, which reserves terabytes.
if ldd "$ATTUNE" 2>/dev/null | grep -q 'libasan'; then echo "skipped: a sanitizer build cannot run under ulimit -v"; exit 77; fi
limited() { (ulimit -v 400000; timeout 20 "$@"); }
limited "$ATTUNE" check /dev/zero > /dev/null 2> "$T/err"
[ $? = 1 ] || fail "check /dev/zero: $(cat "$T/err")"
grep -q "more than 1048576 bytes; the limit is 1048576 bytes" "$T/err" || fail "check /dev/zero: $(cat "$T/err")"
mkdir "$T/defs"
truncate -s 800M "$T/defs/big.yaml"
truncate -s 20G "$T/defs/huge.yaml"
limited "$ATTUNE" check "$T/defs/big.yaml" > /dev/null 2> "$T/err"
[ $? = 1 ] || fail "check big.yaml: $(cat "$T/err")"
grep -q "definition is 838860800 bytes; the limit is 1048576 bytes" "$T/err" || fail "check big.yaml: $(cat "$T/err")"
ATTUNE_INSTRUMENT_PATH=$T/defs limited "$ATTUNE" instruments -f csv > "$T/out" 2> "$T/err"
[ $? = 1 ] || fail "instruments: $(cat "$T/err")"
grep -q "^huge,(invalid)" "$T/out" || fail "instruments does not list huge.yaml as invalid"
grep -q "^ecr-r," "$T/out" || fail "instruments lost the shipped ones"
echo ok
