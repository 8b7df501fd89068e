// Longstring: runs of identical consecutive answers (Johnson 2005; careless::longstring).
#pragma once

#include <cstddef>
#include <span>

namespace attune {

// A respondent's longstring indices. NaN = NA (no item answered).
struct LongstringResult {
  double longest = 0;   // length of the longest run of identical consecutive answers
  double average = 0;   // mean run length = number of items / number of runs
  std::size_t runs = 0;
};

// Runs over `answers` in the order given, which should be the order of administration
// (raw, NOT reverse-keyed; NaN = missing).
// Missing values follow careless::longstring (R's rle()): a missing answer ends the current
// run and is itself a run of length 1, so two consecutive NaNs are two runs. A row with no
// answered item gives NA (careless would give 1); an empty row gives NA.
LongstringResult longstring(std::span<const double> answers);

}  // namespace attune
