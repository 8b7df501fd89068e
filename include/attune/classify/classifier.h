// The classifier interface and its factory. Each method lives in its own file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "attune/classify/pattern.h"
#include "attune/instrument/instrument.h"

namespace attune {

// Scores of every respondent, row-major (rows x score ids), for sample-based methods.
struct ScoreSample {
  std::vector<double> values;
  std::size_t cols = 0;
  std::size_t rows() const { return cols ? values.size() / cols : 0; }
  double at(std::size_t row, std::size_t col) const { return values[row * cols + col]; }
};

// Classifies one respondent from their scores (one value per score id, NaN missing).
// A method that needs_sample() must be fit() on all respondents before classify().
class Classifier {
 public:
  virtual ~Classifier() = default;

  // The method's name as given to --classify.
  virtual std::string name() const = 0;
  // True for sample-based methods (median, k-means): scores must be held for a second pass.
  virtual bool needs_sample() const { return false; }
  // Learns sample parameters (medians, centroids). Throws a data Error when it cannot.
  virtual void fit(const ScoreSample& /*sample*/) {}
  // Classifies one respondent; unclassified when a needed score is missing.
  virtual Classification classify(std::span<const double> scores) const = 0;
  // The same into `out`, reusing its storage (a row loop's classification costs no allocation
  // where a method overrides it).
  virtual void classify_into(std::span<const double> scores, Classification& out) const { out = classify(scores); }
  // The parameters in use, for --summary and provenance: (name, value) pairs.
  virtual std::vector<std::pair<std::string, std::string>> parameters() const = 0;
  // The cut-off on each dimension (score column, raw score) for methods that split each axis
  // (midpoint, median, norms); empty for the others. Known after fit().
  virtual std::vector<std::pair<std::size_t, double>> axis_cutoffs() const { return {}; }
  // True for methods that split each dimension at a cut-off (midpoint, median, norms): their
  // axis_cutoffs() are known after fit(), and --borderline can flag scores near them.
  virtual bool cuts_each_axis() const { return false; }
  // True for methods whose Classification may carry flags (k-means: shared quadrants;
  // prototype: how a tie was met), so the output gives them a flags column.
  virtual bool flags_respondents() const { return false; }
};

// What the user asked for (--classify, --cutoff).
struct ClassifierOptions {
  std::string method;                        // empty: the instrument's default
  std::map<std::string, double> cutoffs;     // --cutoff anxiety=3.5 overrides
  std::string tie_rule;                      // --tie-rule (prototype); empty: the definition's
  std::uint64_t seed = 20250101;             // --seed (kmeans)
  // The score-row column holding the decoded forced choice (RQ), when the file has one.
  std::optional<std::size_t> forced_choice_col;
};

// Builds the classifier for `instrument`, whose scores come in `score_ids` order, on the
// effective response `scale`. Throws a usage Error for an unknown or inapplicable method, a
// definition Error when the instrument has no classification.
std::unique_ptr<Classifier> make_classifier(const Instrument& instrument,
                                            const std::vector<std::string>& score_ids,
                                            const ResponseScale& scale,
                                            const ClassifierOptions& options);

// The column of score `id` in a score row; throws a definition Error when it is not scored.
std::size_t score_column(const std::vector<std::string>& score_ids, const std::string& id);

// The names make_classifier accepts, for --help.
std::vector<std::string> classifier_methods();

}  // namespace attune
