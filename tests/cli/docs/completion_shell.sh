#!/usr/bin/env bash
# The zsh or fish completion script the build wrote (build/docs/completions/_attune or
# attune.fish): what --completion SHELL prints now, valid for the shell, and naming every
# option of every command's --help. Both also complete a few command lines (commands,
# --classify's methods, instrument ids): fish with complete -C, zsh typed into an interactive
# zsh under zpty (zsh_offers.zsh). Usage: completion_shell.sh ATTUNE zsh|fish
# (run in tests/cli/data); exits 77 (skipped) when the shell is not installed.
set -u
attune=$1 shell=$2
command -v "$shell" >/dev/null || { echo "skipped: $shell is not installed (apt-get install $shell)"; exit 77; }
case $shell in zsh) file=_attune ;; fish) file=attune.fish ;; *) echo "no such shell: $shell"; exit 2 ;; esac
script=$(dirname "$attune")/docs/completions/$file
[ -f "$script" ] || { echo "$script is missing"; exit 1; }
"$attune" --completion "$shell" | cmp -s - "$script" || { echo "$script is not what --completion $shell prints"; exit 1; }
"$shell" -n "$script" || { echo "$shell -n $script failed"; exit 1; }
fail=0 checked=0
commands=$("$attune" --help | awk '/^Subcommands:/ { on = 1; next } on && /^  [a-z]/ { print $1 } on && /^$/ { on = 0 }')
for command in $commands; do
  text=$(<"$script") lines=$(grep -F "__fish_seen_subcommand_from $command'" "$script")
  options=$("$attune" "$command" --help | grep -E '^  +-' | sed -E 's/^ +//; s/ .*//' | tr ',' '\n' | sort -u)
  for option in $options; do
    checked=$((checked + 1))
    if [ "$shell" = zsh ]; then
      [[ $text == *"'$option["* || $text == *"'*$option["* ]] || { echo "$command: $option not in $file"; fail=1; }
    else
      case $option in --*) flag="-l ${option#--} " ;; *) flag="-s ${option#-} " ;; esac
      [[ $lines == *"$flag"* ]] || { echo "$command: $option not in $file"; fail=1; }
    fi
  done
done
if [ "$shell" = zsh ]; then
  # Typed into an interactive zsh under zpty: the words it lists after two TABs.
  want() {
    local got; got=$(cd "$PWD" && zsh -f "$(dirname "$0")/zsh_offers.zsh" "$(dirname "$script")" "$(dirname "$attune")" "$@" 2>&1)
    [ "$got" = ok ] || { echo "zsh: '$1': not all of [${*:2}] offered: $got"; fail=1; }
  }
  want "attune sc" score
  want "attune score --classify " midpoint median kmeans norms discriminant prototype none
  want "attune analyze -i ecr" ecr ecr-r ecr-rs ecr-s
  want "attune score --encoding " utf-8 latin1 cp1252
  want "attune score --output-delim " comma semicolon tab
fi
if [ "$shell" = fish ]; then
  dir=$(dirname "$attune")
  # The words fish offers for a command line (descriptions cut off).
  offered() { PATH="$dir:$PATH" fish --no-config -c "source '$script'; complete -C '$1'" | cut -f1 | sort | tr '\n' ' '; }
  want() { local got; got=$(offered "$1"); [ "$got" = "$2" ] || { echo "fish: '$1': offered [$got], expected [$2]"; fail=1; }; }
  want "attune sc" "score "
  want "attune score --classify " "discriminant kmeans median midpoint none norms prototype "
  want "attune analyze --ci " "bootstrap feldt "
  want "attune score --encoding " "cp1252 latin1 utf-8 "
  want "attune analyze --output-decimal " ", "   # fish shows words starting with . only after a .
  want "attune analyze --output-decimal ." ". "
  want "attune quality --delim " "comma semicolon tab "
  want "attune factor --rotate " "geominQ none oblimin promax varimax "
  got=" $(offered "attune score -i ecr-r")"
  for id in ecr-r ecr-rs; do
    case $got in *" $id "*) ;; *) echo "fish: 'attune score -i ecr-r': $id not offered: [$got]"; fail=1 ;; esac
  done
fi
echo "$shell: $checked options of $(echo $commands | wc -w) commands in $file"
exit $fail
