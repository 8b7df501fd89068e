# Types LINE and two TABs into an interactive zsh (under zpty) that loads the completion script
# in COMPLETIONS, and prints "ok" when every one of WORDS shows on its screen within 10 seconds,
# else what the screen showed. Usage: zsh -f zsh_offers.zsh COMPLETIONS ATTUNE_DIR LINE WORDS...
completions=$1 attune_dir=$2 line=$3
shift 3
setopt extendedglob
zmodload zsh/zpty || { print "no zsh/zpty"; exit 1 }
zpty z 'zsh -f -i'
zpty -w z "PS1='READY> '; fpath=(${(q)completions} \$fpath); autoload -Uz compinit; compinit -u -D; PATH=${(q)attune_dir}:\$PATH; LISTMAX=0; unsetopt beep; print INIT''DONE"
zpty -r z out '*INITDONE*'
zpty -w -n z "$line"$'\t\t'
screen=""
for try in {1..20}; do
  sleep 0.5
  while zpty -r -t z chunk; do screen+=$chunk; done
  shown=${screen//$'\e'\[[0-9;?]#[a-zA-Z]/ }   # terminal escapes as spaces
  missing=0
  for word in "$@"; do [[ $shown == *[[:space:]]${word}[[:space:]]* ]] || missing=1; done
  (( missing )) || break
done
zpty -d z
if (( missing )); then print -r -- "${shown//$'\r'/}" | tail -5; exit 1; fi
print ok
