// Which quality indices flag a respondent, under thresholds the user sees and can change.
#pragma once

#include <cstddef>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "attune/quality/attention.h"
#include "attune/quality/even_odd.h"
#include "attune/quality/longstring.h"
#include "attune/quality/mahalanobis.h"
#include "attune/quality/psychsyn.h"

namespace attune {

// Flagging thresholds. An unset optional means "not flagged on this index": the literature
// gives no general cut-off for it, so the user must choose one (the index is still reported).
struct QualityThresholds {
  // Flag when the longest run >= this. No general default (Johnson 2005 derived cut-offs per
  // response option from his own sample's distribution; Curran 2016 reviews such rules).
  std::optional<double> longstring_at_least;
  // Flag when IRV < this (straight-lining; Dunn et al. 2018) / > this (random responding;
  // Marjanovic et al. 2015). No general default.
  std::optional<double> irv_below, irv_above;
  // Flag when p < alpha. Default .001: the choice and the conventional multivariate
  // outlier criterion (chi-square at p < .001).
  double mahalanobis_alpha = 0.001;
  MahalanobisMissing mahalanobis_missing = MahalanobisMissing::answered_items;
  // Flag when the even-odd consistency < this. No general default.
  std::optional<double> even_odd_below;
  // Item pairs count as synonyms when sample r > this, antonyms when r < -this
  // (Meade & Craig 2012; careless default .60).
  double psychsyn_critical_r = 0.60;
  // Flag when the synonym r < this / the antonym r > this. No general default.
  std::optional<double> psychsyn_below, psychant_above;
  // Flag when at least this many attention checks failed. Default 1: an instructed-response
  // item has one correct answer, so one wrong answer is a failure (Meade & Craig 2012).
  std::size_t attention_failures_at_least = 1;
  // Flag when the completion time (the duration column's units) < this. No general default
  // (Huang et al. 2012 discuss about 2 s per item; the user must state a number).
  std::optional<double> duration_below;
};

// All indices of one respondent (NaN = NA, as each index documents).
struct RespondentQuality {
  LongstringResult longstring;
  double irv = NAN;
  MahalanobisResult mahalanobis{NAN, NAN, 0, "not computed"};
  EvenOddResult even_odd{NAN, NAN, 0};
  PsychsynResult psychsyn{NAN, 0};
  PsychsynResult psychant{NAN, 0};
  AttentionResult attention;
  double duration = NAN;  // NaN: no duration column or a blank cell
};

// The indices that flag one respondent. An NA index never flags (it cannot tell).
struct QualityFlags {
  bool longstring = false, irv_low = false, irv_high = false, mahalanobis = false,
       even_odd = false, psychsyn = false, psychant = false, attention = false,
       duration = false;

  bool any() const;
  // Names of the raised flags joined by ';' ("longstring;mahalanobis"), "" when none.
  std::string to_string() const;
};

// Applies the thresholds to one respondent's indices.
QualityFlags flag(const RespondentQuality& quality, const QualityThresholds& thresholds);

// How many respondents each flag caught, for --summary.
struct QualitySummary {
  std::size_t respondents = 0, flagged = 0;
  std::size_t longstring = 0, irv_low = 0, irv_high = 0, mahalanobis = 0, even_odd = 0,
              psychsyn = 0, psychant = 0, attention = 0, duration = 0;
  // Adds one respondent's flags to the counts.
  void add(const QualityFlags& flags);
};

// The thresholds as "name value" lines ("not set" for unset ones), for --summary.
std::vector<std::pair<std::string, std::string>> describe(const QualityThresholds& thresholds);

}  // namespace attune
