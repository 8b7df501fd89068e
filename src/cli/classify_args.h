// The scoring and classification options that score, plot and change share (--impute, --min-valid,
// --classify, --tie-rule, --seed, --borderline, --reliability, --cutoff), declared once.
// The command layer only: it turns what the user typed into the library's ScoreOptions.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "attune/run/score_run.h"

namespace attune::cli {

// The options as typed.
struct ClassifyArgs {
  std::vector<std::string> cutoffs;
  std::string impute = "none", min_valid, classify;
  std::string tie_rule;
  std::uint64_t seed = 20250101;
  bool borderline = false;
  std::vector<std::string> reliability;
};

// What --reliability means to the command: its help text, and whether it needs --borderline.
struct ReliabilityUse {
  std::string help;
  bool needs_borderline = true;
};

// --reliability as score and plot read it: the alpha for --borderline.
extern const ReliabilityUse kBorderlineReliability;

// Adds the options to `command`, in score's order.
void add_classify_options(CLI::App& command, ClassifyArgs& args, const ReliabilityUse& reliability);

// Checks the options and sets them in `options` (usage Errors name the option).
void apply_classify_options(const ClassifyArgs& args, const ReliabilityUse& reliability, ScoreOptions& options);

// Why the options make a run hold every row (one reason each; empty when it streams).
std::vector<std::string> held_reasons(const ClassifyArgs& args);

}  // namespace attune::cli
