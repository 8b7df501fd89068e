// The classification options, declared once for every command that classifies (score, plot):
// --classify, --tie-rule, --seed, --borderline, --reliability, --cutoff. The command layer
// only: it turns what the user typed into the library's ScoreOptions.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "attune/run/score_run.h"

namespace attune::cli {

// The classification options as typed.
struct ClassifyArgs {
  std::string classify, tie_rule;
  std::vector<std::string> cutoffs, reliability;
  std::uint64_t seed = 20250101;
  bool borderline = false;
};

// Adds the classification options to `command`, in score's order.
void add_classify_options(CLI::App& command, ClassifyArgs& args);

// Checks the classification options and sets them in `options` (usage Errors name the option).
void apply_classify_options(const ClassifyArgs& args, ScoreOptions& options);

// Why the classification options make a run hold every row's scores ("" when they do not).
std::vector<std::string> classify_held_reasons(const ClassifyArgs& args);

}  // namespace attune::cli
