#!/usr/bin/env bash
# plot_svg_agrees.sh SVG SCORE-ARGS...: fails unless SVG is well-formed XML (xmllint; a missing
# xmllint fails too) and the count under each of the four region labels equals the count
# `attune score SCORE-ARGS --summary-only -f csv` gives that pattern. $ATTUNE is the binary.
set -u
svg=$1; shift
command -v xmllint >/dev/null || { echo "xmllint is not installed: the SVG cannot be checked"; exit 1; }
xmllint --noout "$svg" || { echo "$svg is not well-formed XML"; exit 1; }
summary=$("$ATTUNE" score "$@" --summary-only -f csv) || { echo "score failed"; exit 1; }
for pattern in secure preoccupied dismissing fearful; do
  shown=$(xmllint --xpath "string(//*[local-name()='text'][.='$pattern']/following-sibling::*[local-name()='text'][1])" "$svg")
  want=$(printf '%s\n' "$summary" | awk -F, -v p="$pattern" '$1 == "pattern" && $2 == p { print $3 }')
  [ -n "$want" ] || { echo "score --summary has no count for $pattern"; exit 1; }
  [ "${shown%% *}" = "$want" ] || { echo "$pattern: the SVG shows '$shown', score --summary $want"; exit 1; }
done
