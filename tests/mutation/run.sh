#!/usr/bin/env bash
# Mutation check: applies each one-line mutant of mutants.tsv to a copy of the source tree,
# rebuilds incrementally, runs ctest and reports whether some test failed (caught) or every
# test passed (missed). The working tree is never modified.
#   tests/mutation/run.sh                      # every mutant
#   tests/mutation/run.sh classify-one-digit classify-multi-digit   # the named ones
# Environment: MUTATION_DIR (default /tmp/attune-mutation: the copy and its build, kept between
# runs so rebuilds are incremental), JOBS (default 2), CTEST_ARGS (e.g. "-R cli:" to run fewer tests),
# CMAKE_ARGS (e.g. -DATTUNE_WERROR=ON: the flags of your usual build, so ccache serves the first build).
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
work=${MUTATION_DIR:-/tmp/attune-mutation}
jobs=${JOBS:-2}
mkdir -p "$work"
# A fresh copy of the tree (no build directories, no .git), then one configure.
# The copy's build directory sits inside it as build/ does in the tree, so the compiler sees the
# same relative paths and ccache (with a base_dir above both) serves the unmutated objects.
src=$work/tree
find "$src" -mindepth 1 -maxdepth 1 ! -name build -exec rm -rf {} + 2>/dev/null
mkdir -p "$src"
tar -C "$root" --exclude='./build*' --exclude='./.git' -cf - . | tar -C "$src" -xf -
if [ ! -f "$src/build/build.ninja" ]; then
  # shellcheck disable=SC2086
  cmake -S "$src" -B "$src/build" -G Ninja -DCMAKE_BUILD_TYPE=Release ${CMAKE_ARGS:-} \
        -DCMAKE_CXX_COMPILER_LAUNCHER="$(command -v ccache || true)" >"$work/configure.log" 2>&1 ||
    { echo "configure failed: $work/configure.log"; exit 2; }
fi
build() { nice ninja -C "$src/build" -j "$jobs" >"$work/build.log" 2>&1; }
echo "building the unmutated copy ..."
build || { echo "the unmutated tree does not build: $work/build.log"; exit 2; }

caught=0; missed=0; broken=0; results=()
while IFS=$'\t' read -r id file script what; do
  [ -z "$id" ] || [ "${id:0:1}" = "#" ] && continue
  if [ $# -gt 0 ] && ! printf '%s\n' "$@" | grep -qx -- "$id"; then continue; fi
  target="$src/$file"
  cp "$root/$file" "$target"
  sed -E -i "$script" "$target"
  if cmp -s "$root/$file" "$target"; then
    echo "$id: the mutant did not apply to $file (the line changed?)"; broken=$((broken + 1)); continue
  fi
  echo "$id: $what"
  if ! build; then
    echo "  does not build (not counted): $work/build.log"; broken=$((broken + 1))
  elif ctest --test-dir "$src/build" -j "$jobs" --stop-on-failure ${CTEST_ARGS:-} >"$work/ctest-$id.log" 2>&1; then
    echo "  MISSED: every test passes"; missed=$((missed + 1)); results+=("missed $id")
  else
    echo "  caught by: $(grep -m1 -E '\*\*\*Failed|\(Failed\)' "$work/ctest-$id.log" | sed -E 's/^ *[0-9]+\/[0-9]+ Test +#[0-9]+: //; s/ \.\.\..*//')"
    caught=$((caught + 1)); results+=("caught $id")
  fi
  cp "$root/$file" "$target"   # restore before the next mutant
done <"$root/tests/mutation/mutants.tsv"
build >/dev/null 2>&1 || true  # leave the copy built unmutated
echo "caught $caught, missed $missed, not run $broken (logs in $work)"
[ "$missed" -eq 0 ] && [ "$broken" -eq 0 ]
