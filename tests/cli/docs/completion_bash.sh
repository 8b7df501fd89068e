#!/usr/bin/env bash
# The bash completion script the build wrote (build/docs/completions/attune.bash), sourced in a
# fresh bash: `complete -p attune` names its function, and COMPREPLY (set as bash sets it, from
# COMP_WORDS and COMP_CWORD) holds the commands, every option each command's --help lists, the
# instrument ids on the search path (with --instrument-path) and the values of --classify,
# --format, --encoding, the decimal marks, the delimiters and the options whose value is one of a few words. Usage: completion_bash.sh ATTUNE
# (run in tests/cli/data); prints what it checked.
set -u
attune=$1
script=$(dirname "$attune")/docs/completions/attune.bash
[ -f "$script" ] || { echo "$script is missing"; exit 1; }
"$attune" --completion bash | cmp -s - "$script" || { echo "$script is not what --completion bash prints"; exit 1; }
# shellcheck disable=SC1090
source "$script"
complete -p attune | grep -qx 'complete -F _attune attune' || { echo "complete -p attune: $(complete -p attune 2>&1)"; exit 1; }
fail=0
# The words offered for the command line "$@" (the last word is the one being completed).
offered() {
  COMP_WORDS=("$attune" "$@"); COMP_CWORD=$#; COMPREPLY=()
  _attune
  printf '%s\n' "${COMPREPLY[@]}" | sort
}
expect() {   # expect "WANTED WORDS" ARGS...: exactly these words are offered
  local wanted; wanted=$(printf '%s\n' $1 | sort); shift
  local got; got=$(offered "$@")
  if [ "$got" != "$wanted" ]; then echo "attune $*<TAB>: offered [$(echo $got)], expected [$(echo $wanted)]"; fail=1; fi
}
commands=$("$attune" --help | awk '/^Subcommands:/ { on = 1; next } on && /^  [a-z]/ { print $1 } on && /^$/ { on = 0 }')
expect "$commands help" ""
expect "score" sc
expect "quality" q
expect "analyze" help an
expect "--classify" score --cla
expect "--version" --v
methods=$(offered score --classify "")
for method in midpoint median kmeans norms discriminant prototype none; do
  grep -qx "$method" <<<"$methods" || { echo "--classify: $method not offered"; fail=1; }
done
expect "median midpoint" score -i ecr-r --classify m
expect "none mean median" score --impute ""
expect "feldt bootstrap" analyze --ci ""
expect "columns instrument" quality --order ""
expect "json jsonl" score --format = j
# Options with a fixed set of values: encodings, decimal marks, delimiters (named: a bare ; would
# end the command), factor's rotations (geominQ has a capital).
expect "utf-8 latin1 cp1252" score --encoding ""
expect ". ," analyze --output-decimal ""
expect ". ," quality --decimal ""
expect "comma semicolon tab" score --output-delim ""
expect "comma semicolon tab" change --delim ""
expect "oblimin geominQ promax varimax none" factor --rotate ""
for delim in $(offered score --output-delim ""); do
  "$attune" score -i ecr-r --output-delim "$delim" ecr-r-small.csv >/dev/null 2>&1 || { echo "--output-delim $delim is offered but refused"; fail=1; }
done
for encoding in $(offered score --encoding ""); do
  "$attune" score -i ecr-r --encoding "$encoding" ecr-r-small.csv >/dev/null 2>&1 || { echo "--encoding $encoding is offered but refused"; fail=1; }
done
# Every offered format is one attune takes, and the output formats --help names are offered.
for format in $(offered describe -f ""); do
  "$attune" patterns -f "$format" >/dev/null 2>&1 || { echo "-f $format is offered but refused"; fail=1; }
done
for format in table csv tsv json jsonl; do
  offered score -f "" | grep -qx "$format" || { echo "-f: $format not offered"; fail=1; }
done
# Instrument ids from the search path, and from --instrument-path given before.
expect "ecr ecr-r ecr-rs ecr-s" score -i ecr
expect "rq rsq" describe r
mkdir -p "$TMP/defs" && cp valid.yaml "$TMP/defs/my-scale.yaml"
expect "my-scale" analyze --instrument-path "$TMP/defs" -i my
offered score -i valid | grep -qx valid.yaml || { echo "-i valid<TAB>: valid.yaml not offered"; fail=1; }
# Every option of every command's --help is offered after "--" or "-".
checked=0
for command in $commands; do
  options=$("$attune" "$command" --help | grep -E '^  +-' | sed -E 's/^ +//; s/ .*//' | tr ',' '\n' | sort -u)
  got=$( (offered "$command" --; offered "$command" -) | sort -u)
  for option in $options; do
    checked=$((checked + 1))
    [[ $'\n'$got$'\n' == *$'\n'$option$'\n'* ]] || { echo "attune $command: $option is in --help but not completed"; fail=1; }
  done
done
echo "bash: $checked options of $(echo $commands | wc -w) commands completed"
exit $fail
