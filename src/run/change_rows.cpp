// A change run's output: one row per matched respondent and pair of waves (the scores at both
// waves, the difference, the RCI and its verdict per score; the patterns and the flow), the
// unmatched list, and with --retest the test-retest table.
#include <cctype>
#include <cmath>
#include <unordered_map>

#include <fmt/format.h>

#include "attune/stats/icc.h"
#include "attune/util/text.h"
#include "change_pairs.h"

namespace attune::change {

PairWriter::PairWriter(const Instrument& instrument, const ChangeOptions& options, RecordWriter& out,
                       RecordWriter* unmatched, std::vector<std::string> scores, bool classified)
    : instrument_(instrument), options_(options), out_(out), unmatched_(unmatched), scores_(std::move(scores)),
      classified_(classified) {
  for (const auto& score : scores_) directions_.push_back(change_direction(instrument_, score));
}

void PairWriter::begin() {
  std::vector<Column> columns;
  if (options_.retest) {
    columns = {{"score"}, {"wave_1"}, {"wave_2"}, {"n", true}, {"r", true}, {"r_lower", true},
               {"r_upper", true}, {"icc_type"}, {"icc", true},
               {"f", true}, {"df1", true}, {"df2", true}, {"p", true}, {"lower", true}, {"upper", true}};
  } else {
    const auto& ids = options_.score.columns.id_columns;
    columns.push_back({ids.empty() ? std::string("id") : ids.front()});
    columns.push_back({"wave_1"});
    columns.push_back({"wave_2"});
    for (const auto& score : scores_) {
      columns.push_back({score + "_1", true});
      columns.push_back({score + "_2", true});
      columns.push_back({score + "_diff", true});
      columns.push_back({score + "_rci", true});
      columns.push_back({score + "_change"});
    }
    if (classified_) {
      columns.push_back({"pattern_1"});
      columns.push_back({"pattern_2"});
      columns.push_back({"flow"});
    }
  }
  cells_.resize(3 + 5 * scores_.size() + (classified_ ? 3 : 0));   // a respondent's row (filled with --retest too)
  out_.begin(columns);
  if (unmatched_) unmatched_->begin({{columns.front().name == "score" ? "id" : columns.front().name}, {"present_in"}, {"missing_from"}});
}

void PairWriter::write_unmatched(std::string_view id, const std::string& present, const std::string& missing) {
  if (!unmatched_) return;
  Cell row[3] = {Cell::of(id), Cell::of(std::string_view(present)), Cell::of(std::string_view(missing))};
  unmatched_->write_row(row);
}

std::optional<std::uint64_t> PairWriter::add(PairState& pair, const WaveScores& earlier, const std::string& later_name,
                                             const LaterRow& later) {
  auto found = earlier.find(later.id);
  if (!found) {
    if (!pair.unmatched_later.emplace(later.id).second) return later.row;   // seen unmatched before: the caller names both
    ++pair.report.only_to;
    write_unmatched(later.id, later_name, earlier.name());
    return std::nullopt;
  }
  const std::size_t i = *found;
  if (pair.matched_row[i] != 0) return pair.matched_row[i] - 1;
  pair.matched_row[i] = later.row + 1;
  ++pair.report.matched;
  std::span<const double> before = earlier.scores(i);
  bool improved = false;
  std::size_t c = 0;
  cells_[c++] = Cell::of(later.id);
  cells_[c++] = Cell::of(std::string_view(earlier.name()));
  cells_[c++] = Cell::of(std::string_view(later_name));
  for (std::size_t s = 0; s < scores_.size(); ++s) {
    const double x1 = before[s], x2 = later.scores[s];
    const double rci = reliable_change_index(x1, x2, bases[s].s_diff);
    const std::string_view verdict = classify_change(rci, options_.z, directions_[s]);
    improved = improved || reliably_improved(verdict);
    if (!verdict.empty()) ++pair.report.verdicts[s][std::string(verdict)];
    if (!std::isnan(x1) && !std::isnan(x2)) {
      CoMoments one{1, x1, x2, 0, 0, 0};
      pair.retest[s] = combine(pair.retest[s], one);
    }
    cells_[c++] = Cell::of(x1);
    cells_[c++] = Cell::of(x2);
    cells_[c++] = Cell::of(x2 - x1);
    cells_[c++] = Cell::of(rci);
    cells_[c++] = verdict.empty() ? Cell::missing() : Cell::of(verdict);
  }
  if (classified_) {
    const std::string_view from = earlier.pattern(i);
    const bool borderline = options_.score.borderline && (earlier.borderline(i) || later.borderline);
    const std::string_view flow = transition_flow(from, later.pattern, improved, borderline);
    pair.report.transitions.add(from, later.pattern, flow);
    cells_[c++] = from.empty() ? Cell::missing() : Cell::of(from);
    cells_[c++] = later.pattern.empty() ? Cell::missing() : Cell::of(later.pattern);
    cells_[c++] = Cell::of(flow);
  }
  if (!options_.retest) out_.write_row(cells_);
  return std::nullopt;
}

void PairWriter::finish_pair(PairState& pair, const WaveScores& earlier, const std::string& later_name) {
  for (std::size_t i = 0; i < earlier.size(); ++i) {
    if (pair.matched_row[i] != 0) continue;
    ++pair.report.only_from;
    write_unmatched(earlier.id(i), earlier.name(), later_name);
  }
  if (!options_.retest) return;
  for (std::size_t s = 0; s < scores_.size(); ++s) {
    const CoMoments& m = pair.retest[s];
    const double r = co_moments::correlation(m, false);
    const CorrelationInterval r_ci = correlation_interval(r, static_cast<double>(m.n));
    for (const IccForm& form : icc_forms(icc_anova(m))) {
      Cell row[15] = {Cell::of(std::string_view(scores_[s])), Cell::of(std::string_view(earlier.name())),
                      Cell::of(std::string_view(later_name)), Cell::of(static_cast<double>(m.n)), Cell::of(r),
                      Cell::of(r_ci.lower), Cell::of(r_ci.upper),
                      Cell::of(std::string_view(form.type)), Cell::of(form.icc), Cell::of(form.f), Cell::of(form.df1),
                      Cell::of(form.df2), Cell::of(form.p), Cell::of(form.lower), Cell::of(form.upper)};
      out_.write_row(row);
    }
  }
}

namespace {

// `id` trimmed and in ASCII lower case: the key under which near matches meet.
std::string loose_id(std::string_view id) {
  std::string key(trim(id));
  for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return key;
}

}  // namespace

NearMatches near_matches(const PairState& pair, const WaveScores& earlier) {
  NearMatches near;
  if (pair.unmatched_later.empty()) return near;
  std::unordered_map<std::string, std::string_view> later;   // loose id -> a later-wave spelling
  for (const auto& id : pair.unmatched_later) {
    auto [at, added] = later.try_emplace(loose_id(id), id);
    if (!added && id < at->second) at->second = id;   // the same example whatever the set's order
  }
  for (std::size_t i = 0; i < earlier.size(); ++i) {
    if (pair.matched_row[i] != 0) continue;
    auto at = later.find(loose_id(earlier.id(i)));
    if (at == later.end()) continue;
    if (near.count++ == 0) {
      near.earlier = earlier.id(i);
      near.later = at->second;
    }
  }
  return near;
}

}  // namespace attune::change
