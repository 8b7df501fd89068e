#include "classify_args.h"

#include <fmt/format.h>

#include "attune/util/text.h"
#include "input_args.h"
#include "option_checks.h"

namespace attune::cli {

void add_classify_options(CLI::App& cmd, ClassifyArgs& args) {
  cmd.add_option("--classify", args.classify, "Pattern method: midpoint (the scale midpoint or the definition's cut-offs), median (sample medians), kmeans (4 clusters named by quadrant), norms, discriminant (where the definition cites them), prototype (highest rating), or none; median and kmeans hold all scores")
      ->option_text("METHOD");
  cmd.add_option("--tie-rule", args.tie_rule,
                 "prototype ties: report (tie:<patterns>, the default), forced-choice (the RQ's forced choice decides), unclassified")
      ->option_text("RULE");
  cmd.add_option("--seed", args.seed, "Seed of --classify kmeans' k-means++ starts (default 20250101)")->option_text("S")
      ->check(whole_number(0, UINT64_MAX));
  cmd.add_flag("--borderline", args.borderline,
               "Flag respondents within one standard error of measurement, SD*sqrt(1-alpha), of a cut-off (a flags column); holds all scores")
      ;
  cmd.add_option("--reliability", args.reliability,
                 "Alpha for --borderline instead of the sample's: ALPHA, or DIM=ALPHA (repeatable)")
      ->allow_extra_args(false)->option_text("[DIM=]ALPHA");
  cmd.add_option("--cutoff", args.cutoffs, "Override a cut-off, e.g. anxiety=3.5 (repeatable)")->allow_extra_args(false)
      ->option_text("DIM=VALUE");
}

void apply_classify_options(const ClassifyArgs& args, ScoreOptions& options) {
  if (args.classify == "none") options.classify = false;
  else options.classifier.method = args.classify;
  for (const auto& cutoff : args.cutoffs) {
    auto at = cutoff.find('=');
    if (at == std::string::npos) throw usage_error(fmt::format("--cutoff {}: write DIMENSION=VALUE", show_text(cutoff)));
    const std::string dimension = cutoff.substr(0, at);
    if (options.classifier.cutoffs.count(dimension)) {
      throw usage_error(fmt::format("--cutoff {} is given twice", show_text(dimension)), "give one cut-off per dimension");
    }
    options.classifier.cutoffs[dimension] = parse_double(cutoff.substr(at + 1), "--cutoff");
  }
  options.classifier.tie_rule = args.tie_rule;
  options.classifier.seed = args.seed;
  options.borderline = args.borderline;
  for (const auto& given : args.reliability) {
    auto at = given.find('=');
    std::string key = at == std::string::npos ? "all" : given.substr(0, at);
    double alpha = parse_double(at == std::string::npos ? given : given.substr(at + 1), "--reliability");
    if (alpha < 0 || alpha >= 1) throw usage_error("--reliability: alpha runs from 0 to below 1");
    if (options.reliability.count(key)) {
      throw usage_error(fmt::format("--reliability {} is given twice", show_text(key)), "give one alpha per dimension");
    }
    options.reliability[key] = alpha;
  }
  if (!options.reliability.empty() && !options.borderline) throw usage_error("--reliability goes with --borderline");
}

std::vector<std::string> classify_held_reasons(const ClassifyArgs& args) {
  std::vector<std::string> reasons;
  if (args.classify == "median" || args.classify == "kmeans") {
    reasons.push_back(fmt::format("--classify {} holds every row's scores (midpoint streams)", args.classify));
  }
  if (args.borderline) reasons.push_back("--borderline holds every row's scores");
  return reasons;
}

}  // namespace attune::cli
