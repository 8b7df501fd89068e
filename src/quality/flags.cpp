#include "attune/quality/flags.h"

#include <cmath>

#include <fmt/format.h>

namespace attune {

namespace {
// value < threshold, false when either is NA/unset.
bool below(double value, const std::optional<double>& threshold) {
  return threshold && !std::isnan(value) && value < *threshold;
}
bool above(double value, const std::optional<double>& threshold) {
  return threshold && !std::isnan(value) && value > *threshold;
}
std::string text(const std::optional<double>& threshold) {
  return threshold ? fmt::format("{}", *threshold) : std::string("not set");
}
}  // namespace

QualityFlags flag(const RespondentQuality& q, const QualityThresholds& t) {
  QualityFlags f;
  f.longstring = t.longstring_at_least && !std::isnan(q.longstring.longest) &&
                 q.longstring.longest >= *t.longstring_at_least;
  f.irv_low = below(q.irv, t.irv_below);
  f.irv_high = above(q.irv, t.irv_above);
  f.mahalanobis = !std::isnan(q.mahalanobis.p_value) && q.mahalanobis.p_value < t.mahalanobis_alpha;
  f.even_odd = below(q.even_odd.consistency, t.even_odd_below);
  f.psychsyn = below(q.psychsyn.r, t.psychsyn_below);
  f.psychant = above(q.psychant.r, t.psychant_above);
  f.attention = q.attention.checks > 0 && t.attention_failures_at_least > 0 &&
                q.attention.failed >= t.attention_failures_at_least;
  f.duration = below(q.duration, t.duration_below);
  return f;
}

bool QualityFlags::any() const {
  return longstring || irv_low || irv_high || mahalanobis || even_odd || psychsyn || psychant ||
         attention || duration;
}

std::string QualityFlags::to_string() const {
  std::string out;
  auto add = [&out](bool raised, const char* name) {
    if (!raised) return;
    if (!out.empty()) out += ';';
    out += name;
  };
  add(longstring, "longstring");
  add(irv_low, "irv_low");
  add(irv_high, "irv_high");
  add(mahalanobis, "mahalanobis");
  add(even_odd, "even_odd");
  add(psychsyn, "psychsyn");
  add(psychant, "psychant");
  add(attention, "attention");
  add(duration, "duration");
  return out;
}

void QualitySummary::add(const QualityFlags& f) {
  ++respondents;
  flagged += f.any();
  longstring += f.longstring;
  irv_low += f.irv_low;
  irv_high += f.irv_high;
  mahalanobis += f.mahalanobis;
  even_odd += f.even_odd;
  psychsyn += f.psychsyn;
  psychant += f.psychant;
  attention += f.attention;
  duration += f.duration;
}

std::vector<std::pair<std::string, std::string>> describe(const QualityThresholds& t) {
  return {
      {"longstring_at_least", text(t.longstring_at_least)},
      {"irv_below", text(t.irv_below)},
      {"irv_above", text(t.irv_above)},
      {"mahalanobis_alpha", fmt::format("{}", t.mahalanobis_alpha)},
      {"mahalanobis_missing", t.mahalanobis_missing == MahalanobisMissing::answered_items
                                  ? "answered_items"
                                  : "psych_outlier"},
      {"even_odd_below", text(t.even_odd_below)},
      {"psychsyn_critical_r", fmt::format("{}", t.psychsyn_critical_r)},
      {"psychsyn_below", text(t.psychsyn_below)},
      {"psychant_above", text(t.psychant_above)},
      {"attention_failures_at_least", fmt::format("{}", t.attention_failures_at_least)},
      {"duration_below", text(t.duration_below)},
  };
}

}  // namespace attune
