#!/usr/bin/env bash
# Runs one CLI case: tests/cli/cases/<name>/ holds
#   cmd     one shell line; $ATTUNE is the binary, $ROOT the source tree, $TMP a scratch dir;
#           it runs in $ROOT/tests/cli/data, with stdin from the file `stdin` if present
#   exit    the expected exit code (default 0)
#   stdout  the exact expected standard output (optional)
#   stderr  the exact expected standard error (optional)
#   stdout.grep / stderr.grep  extended regexes that must each match a line (optional)
#   check   an extra shell line that must succeed after the run (optional; same variables)
#   requires  a shell line run first (same variables); when it fails the case is skipped:
#           its output says why and the runner exits 77 (ctest shows "Skipped"). It may set up
#           what the case needs, e.g. mount a small tmpfs under $TMP (unmounted afterwards).
# A fourth argument names another directory to run in (tests/bad-input runs in the case's own).
set -u
export ATTUNE=$1 CASE=$2 ROOT=$3
workdir=${4:-$ROOT/tests/cli/data}
export TMP; TMP=$(mktemp -d)
cleanup() {
  # Mounts a case's `requires` made under $TMP, then the folder.
  grep -o " $TMP/[^ ]*" /proc/mounts 2>/dev/null | while read -r mounted; do umount "$mounted"; done
  rm -rf "$TMP"
}
trap cleanup EXIT
export NO_COLOR=1 ATTUNE_INSTRUMENT_PATH=
cd "$workdir" || exit 2
if [ -f "$CASE/requires" ] && ! bash -c "$(cat "$CASE/requires")" >"$TMP/.requires" 2>&1; then
  echo "skipped: $(cat "$CASE/requires") failed: $(head -c 300 "$TMP/.requires")"
  exit 77
fi
stdin=/dev/null; [ -f "$CASE/stdin" ] && stdin=$CASE/stdin
bash -c "$(cat "$CASE/cmd")" <"$stdin" >"$TMP/.out" 2>"$TMP/.err"
code=$?
want=0; [ -f "$CASE/exit" ] && want=$(tr -d '[:space:]' <"$CASE/exit")
fail=0
if [ "$code" != "$want" ]; then echo "exit code $code, expected $want"; fail=1; fi
for s in stdout stderr; do
  got="$TMP/.${s:3:3}"
  if [ -f "$CASE/$s" ] && ! diff -u "$CASE/$s" "$got" >"$TMP/.diff"; then
    echo "$s differs:"; cat "$TMP/.diff"; fail=1
  fi
  if [ -f "$CASE/$s.grep" ]; then
    while IFS= read -r re; do
      [ -z "$re" ] && continue
      grep -Eq -- "$re" "$got" || { echo "$s has no line matching: $re"; fail=1; }
    done <"$CASE/$s.grep"
  fi
done
if [ -f "$CASE/check" ] && ! bash -c "$(cat "$CASE/check")"; then echo "check failed: $(cat "$CASE/check")"; fail=1; fi
if [ $fail != 0 ]; then
  echo "--- command: $(cat "$CASE/cmd")"; echo "--- stdout:"; head -c 4000 "$TMP/.out"; echo "--- stderr:"; head -c 4000 "$TMP/.err"
fi
exit $fail
