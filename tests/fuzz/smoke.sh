#!/usr/bin/env bash
# A short libFuzzer run of one target (a ctest test in the fuzz build): the seed corpus and
# the crash regressions are replayed first, then the target is fuzzed for SECONDS seconds.
# New inputs go to a scratch directory in the build tree, never into the source tree.
# Usage: smoke.sh FUZZER SOURCE_DIR SCRATCH_DIR TARGET SECONDS
set -eu
fuzzer=$1 source=$2 scratch=$3 target=$4 seconds=$5
mkdir -p "$scratch/corpus-$target" "$scratch/artifacts"
dirs=("$scratch/corpus-$target" "$source/corpus/$target")
[ -d "$source/regressions/$target" ] && dirs+=("$source/regressions/$target")
exec "$fuzzer" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 \
  -artifact_prefix="$scratch/artifacts/$target-" "${dirs[@]}"
