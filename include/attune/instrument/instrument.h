// The instrument model: what a questionnaire definition (YAML) says, validated and resolved.
// Built by instrument/loader.h; read by scoring, classification and the CLI.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "attune/util/error.h"

namespace attune {

// A publication, as the YAML's `citation:` gives it (a mapping or one free-text string).
struct Citation {
  std::string authors, title, journal, book, editors, volume, issue, pages, publisher, doi, url,
      text;
  int year = 0;

  // One line in APA-like form; `text` verbatim when the YAML gave a string.
  std::string format() const;
  bool empty() const;
};

// The widest response scale attune takes (a definition's min/max, --range): every end within
// +-1,000,000. Wider than any rating scale (a 0..100 slider, a 0..1000 thermometer), and a sum
// of 100,000 such answers (a record's column limit) stays exact for whole answers (below 2^53)
// and far from a double's overflow, so a scale score is always a finite number; and the
// midpoint, min + max - x and the cut-offs derived from them are too.
inline constexpr double kResponseScaleLimit = 1e6;

// The response scale the items were administered on.
struct ResponseScale {
  double min = 0;
  double max = 0;
  bool integer = false;                          // only whole numbers are valid answers
  std::map<double, std::string> labels;          // value -> label ("Strongly disagree")
  std::vector<std::string> missing_codes;        // cell texts that mean "no answer"

  // (min + max) / 2: the default cut-off for midpoint classification.
  double midpoint() const { return (min + max) / 2; }
  // Reverse-keying: min + max - x.
  double reverse(double x) const { return min + max - x; }
};

// One questionnaire item, identified by its published number.
struct Item {
  int number = 0;
  std::string column;   // the response file's column name for this item
  std::string label;    // short neutral label; never published wording
  SourceLocation where;
  std::string domain;   // the relationship domain this copy of the item asks about, or ""
};

// An item as a scale uses it: its index in Instrument::items and whether it is reversed.
struct KeyedItem {
  std::size_t item = 0;
  bool reversed = false;
};

enum class Scoring { mean, sum };

// The fewest valid items a scale needs to get a score: a count, or a fraction of its items.
struct MinValid {
  bool is_fraction = false;
  double value = 1;
  // The count this rule needs out of `n_items` (0 only when the rule asks for none).
  std::size_t resolve(std::size_t n_items) const;
};

// A scored scale (subscale): a keyed list of items.
struct Scale {
  std::string id;
  std::string label;
  std::vector<KeyedItem> keys;
  Scoring scoring = Scoring::mean;
  MinValid min_valid;
  SourceLocation where;
};

// A linear combination of other scores (scales or earlier computed scales), or the mean of
// the terms a respondent has (domain-global scores of the ECR-RS).
struct ComputedScale {
  std::string id;
  std::string label;
  std::vector<std::pair<std::string, double>> terms;  // score id -> weight
  bool mean_of_available = false;                     // mean of the non-missing terms
  SourceLocation where;
};

// One classification method's parameters as the YAML gives them, with their source.
struct MethodSpec {
  std::string name;
  Citation citation;
  std::string notes;
  std::map<std::string, double> cutoffs;                             // dimension -> cut-off
  std::map<std::string, std::map<std::string, double>> tables;       // e.g. norms, coefficients
  std::string tie_rule;       // prototype: report | forced-choice | unclassified ("" = report)
  bool standardize = false;   // prototype: compare sample z-scores (RSQ)
  SourceLocation where;
};

// The RQ's first part: one column naming the prototype a respondent chose as fitting best.
struct ForcedChoice {
  std::string column;
  std::map<double, std::string> codes;   // answer -> pattern name
};

// How an instrument classifies respondents into the four patterns.
struct ClassificationSpec {
  // Dimensional instruments: the score ids that are the anxiety and avoidance dimensions.
  std::string anxiety, avoidance;
  // Prototype instruments (RQ-style): pattern name -> score id of its rating.
  std::map<std::string, std::string> prototypes;
  std::optional<ForcedChoice> forced_choice;
  std::string default_method;
  std::vector<MethodSpec> methods;
  SourceLocation where;

  // The method named `name`, or nullptr.
  const MethodSpec* method(const std::string& name) const;
  bool dimensional() const { return !anxiety.empty(); }
};

// An instructed-response item (attention check): a response-file column that must hold one
// of the expected answers. Not part of any scale.
struct AttentionCheckSpec {
  std::string column;
  std::vector<double> expected;
  int item = 0;            // its number in the questionnaire, when the definition gives one
  SourceLocation where;
};

// A score as a weighted sum of keyed items, scale after scale (for its reliability): the items
// of each scale it is made of, each item's weight, and how many items each scale gives.
struct ScoreComposite {
  std::vector<KeyedItem> keys;
  std::vector<double> item_weights;
  std::vector<std::size_t> stratum_sizes;
};

// A whole questionnaire definition.
struct Instrument {
  std::string id, name, version;
  Citation citation;
  std::string notes;
  ResponseScale response;
  std::vector<Item> items;
  std::vector<Scale> scales;
  std::vector<ComputedScale> computed;
  std::optional<ClassificationSpec> classification;
  std::vector<AttentionCheckSpec> attention_checks;
  // Relationship domains (ECR-RS): every item and scale exists once per domain.
  std::vector<std::string> domains;
  std::string source;      // file path (or "<string>")
  std::string sha256;      // of the YAML bytes, for provenance

  // Index of the item with this number, or nullopt.
  std::optional<std::size_t> item_by_number(int number) const;
  // Index of the item with this column name, or nullopt.
  std::optional<std::size_t> item_by_column(const std::string& column) const;
  // The instrument as a response file with this header can score it: domains with none of
  // their item columns in `present_columns` are dropped, with their items and scales.
  Instrument for_columns(const std::vector<std::string>& present_columns) const;
  // Ids of all scores in output order: scales, then computed scales.
  std::vector<std::string> score_ids() const;
  // The lowest and highest value score `id` can take on response scale `scale`
  // (mean: the scale's range; sum: times the item count; computed: from the terms).
  std::pair<double, double> score_range(const std::string& id, const ResponseScale& scale) const;
  // Score `id` as items: a scale's own (weight 1 for a sum, 1/k for a mean of k), a computed
  // score's through its terms (a mean of available scores weighs each equally); empty if unknown.
  ScoreComposite composite_of(const std::string& id) const;
};

}  // namespace attune
