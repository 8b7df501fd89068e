#!/usr/bin/env bash
# The manual pages the build wrote (build/docs/man1, by `attune --generate-docs`): one per
# command named in `attune --help`, each as `attune --help-man COMMAND` prints it now, valid roff
# that renders (man -l, else groff, else its structure is checked), and naming every option
# that the command's --help lists. Usage: man_pages.sh ATTUNE; prints one line per page.
set -u
attune=$1
dir=$(dirname "$attune")/docs/man1
fail=0
commands=$("$attune" --help | awk '/^Subcommands:/ { on = 1; next } on && /^  [a-z]/ { print $1 } on && /^$/ { on = 0 }')
[ -n "$commands" ] || { echo "no commands in attune --help"; exit 1; }
render() {
  if command -v man >/dev/null; then MANWIDTH=120 MAN_KEEP_FORMATTING= man -l "$1" 2>"$TMP/render.err" | col -b
  elif command -v groff >/dev/null; then groff -man -Tutf8 -k -P-c "$1" 2>"$TMP/render.err" | col -b
  else : >"$TMP/render.err"; sed 's/\\-/-/g; s/\\f[BIR]//g' "$1"; fi
}
for command in "" $commands; do
  page=attune${command:+-$command}
  file=$dir/$page.1
  [ -f "$file" ] || { echo "$page: $file is missing"; fail=1; continue; }
  # shellcheck disable=SC2086
  "$attune" --help-man $command | cmp -s - "$file" || { echo "$page: $file is not what --help-man $command prints"; fail=1; }
  for section in '^\.TH "' '^\.SH NAME$' '^\.SH SYNOPSIS$' '^\.SH DESCRIPTION$' '^\.SH OPTIONS$' '^\.SH SEE ALSO$'; do
    grep -q "$section" "$file" || { echo "$page: no $section line"; fail=1; }
  done
  if command -v groff >/dev/null && ! groff -man -Tutf8 -k -ww -z "$file" 2>"$TMP/groff.err" || [ -s "$TMP/groff.err" ]; then
    echo "$page: groff warns: $(head -3 "$TMP/groff.err")"; fail=1
  fi
  render "$file" >"$TMP/page.txt"
  [ -s "$TMP/render.err" ] && { echo "$page: rendering warns: $(head -3 "$TMP/render.err")"; fail=1; }
  grep -q "^NAME" "$TMP/page.txt" || { echo "$page: does not render (no NAME heading)"; fail=1; }
  # Every option --help lists (the names at the start of its option lines) is in the page.
  # shellcheck disable=SC2086
  options=$("$attune" $command --help | grep -E '^  +-' | sed -E 's/^ +//; s/ .*//' | tr ',' '\n' | sort -u)
  missing=0 text=$(<"$TMP/page.txt")
  for option in $options; do
    [[ $text =~ (^|[[:space:],])$option([[:space:],]|$) ]] || { echo "$page: $option is in --help but not in the page"; missing=1; }
  done
  [ "$missing" = 0 ] || fail=1
  if [ -z "$command" ]; then
    for sub in $commands; do grep -q "attune-$sub(1)" "$TMP/page.txt" || { echo "attune: no attune-$sub(1)"; fail=1; }; done
  fi
  echo "$page: $(echo "$options" | wc -w) options"
done
exit $fail
