#include "attune/classify/cutoff_classifier.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "attune/util/error.h"

namespace attune {

std::optional<Pattern> pattern_by_cutoffs(double anxiety, double avoidance, double anxiety_cutoff,
                                          double avoidance_cutoff) {
  if (std::isnan(anxiety) || std::isnan(avoidance)) return std::nullopt;
  return quadrant(anxiety > anxiety_cutoff, avoidance > avoidance_cutoff);
}

Classification classify_by_cutoffs(double anxiety, double avoidance, double anxiety_cutoff,
                                   double avoidance_cutoff) {
  Classification c;
  c.assign(pattern_by_cutoffs(anxiety, avoidance, anxiety_cutoff, avoidance_cutoff));
  return c;
}

namespace {

class CutoffClassifier : public Classifier {
 public:
  CutoffClassifier(std::string name, std::size_t anxiety, std::size_t avoidance, double anxiety_cutoff,
                   double avoidance_cutoff)
      : name_(std::move(name)), anxiety_(anxiety), avoidance_(avoidance), anxiety_cutoff_(anxiety_cutoff),
        avoidance_cutoff_(avoidance_cutoff) {}

  std::string name() const override { return name_; }

  Classification classify(std::span<const double> scores) const override {
    return classify_by_cutoffs(scores[anxiety_], scores[avoidance_], anxiety_cutoff_, avoidance_cutoff_);
  }

  void classify_into(std::span<const double> scores, Classification& out) const override {
    out.assign(pattern_by_cutoffs(scores[anxiety_], scores[avoidance_], anxiety_cutoff_, avoidance_cutoff_));
  }

  std::vector<std::pair<std::size_t, double>> axis_cutoffs() const override {
    return {{anxiety_, anxiety_cutoff_}, {avoidance_, avoidance_cutoff_}};
  }
  bool cuts_each_axis() const override { return true; }

  std::vector<std::pair<std::string, std::string>> parameters() const override {
    return {{"anxiety_cutoff", fmt::format("{}", anxiety_cutoff_)},
            {"avoidance_cutoff", fmt::format("{}", avoidance_cutoff_)},
            {"rule", "a score above its cut-off is high; on the cut-off is low"}};
  }

 protected:
  std::string name_;
  std::size_t anxiety_, avoidance_;
  double anxiety_cutoff_, avoidance_cutoff_;
};

// R's median(x, na.rm = TRUE): the middle value, or the mean of the two middle values.
double sample_median(const ScoreSample& sample, std::size_t col) {
  std::vector<double> values;
  for (std::size_t r = 0; r < sample.rows(); ++r) {
    double v = sample.at(r, col);
    if (!std::isnan(v)) values.push_back(v);
  }
  if (values.empty()) return NAN;
  std::sort(values.begin(), values.end());
  std::size_t n = values.size();
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

class MedianClassifier : public CutoffClassifier {
 public:
  MedianClassifier(std::size_t anxiety, std::size_t avoidance)
      : CutoffClassifier("median", anxiety, avoidance, NAN, NAN) {}

  bool needs_sample() const override { return true; }

  // A median is NaN only when nobody has that score; then nobody is classified either.
  void fit(const ScoreSample& sample) override {
    anxiety_cutoff_ = sample_median(sample, anxiety_);
    avoidance_cutoff_ = sample_median(sample, avoidance_);
  }
};

}  // namespace

std::unique_ptr<Classifier> make_midpoint_classifier(std::size_t anxiety_col, std::size_t avoidance_col,
                                                     double anxiety_cutoff, double avoidance_cutoff) {
  return std::make_unique<CutoffClassifier>("midpoint", anxiety_col, avoidance_col, anxiety_cutoff,
                                            avoidance_cutoff);
}

std::unique_ptr<Classifier> make_median_classifier(std::size_t anxiety_col, std::size_t avoidance_col) {
  return std::make_unique<MedianClassifier>(anxiety_col, avoidance_col);
}

}  // namespace attune
