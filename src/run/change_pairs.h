// Private to src/run: the state of a change run's pairs of waves, and how a later-wave
// respondent is matched, written and counted (change_rows.cpp).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "attune/run/change_run.h"
#include "attune/stats/co_moments.h"

namespace attune::change {

// A respondent of the later wave of a pair, as the score run gave it.
struct LaterRow {
  std::string_view id;
  std::uint64_t row = 0;   // 0-based output row of its source
  std::span<const double> scores;
  std::string_view pattern;
  bool borderline = false;
};

// One pair of waves while its later wave is read.
struct PairState {
  std::size_t from = 0, to = 0;                 // wave indices
  std::vector<std::uint64_t> matched_row;       // per earlier respondent: later row + 1, or 0
  std::unordered_set<std::string> unmatched_later;
  std::vector<CoMoments> retest;                // per score, complete pairs
  WavePairReport report;
};

// Respondents of a pair left unmatched in both waves whose ids agree once letter case and the
// white space around them are ignored ("P01" and "p01 "): how many of the earlier wave's, and
// the first of them in input order with its later-wave spelling.
struct NearMatches {
  std::uint64_t count = 0;
  std::string earlier, later;
};

// The near matches of `pair` once its later wave is read (ids are matched exactly; these are not).
NearMatches near_matches(const PairState& pair, const WaveScores& earlier);

// Writes the rows, counts and retest moments of every pair.
class PairWriter {
 public:
  PairWriter(const Instrument& instrument, const ChangeOptions& options, RecordWriter& out, RecordWriter* unmatched,
             std::vector<std::string> scores, bool classified);
  // Declares the output columns (rows or retest table) and the unmatched list's.
  void begin();
  // Matches `later` against the earlier wave of `pair` and writes its row; returns the row of
  // an earlier respondent of the later wave with the same id (a duplicate), else nullopt.
  std::optional<std::uint64_t> add(PairState& pair, const WaveScores& earlier, const std::string& later_name,
                                   const LaterRow& later);
  // After the later wave: lists the earlier respondents it lacked; with retest, writes the pair's table.
  void finish_pair(PairState& pair, const WaveScores& earlier, const std::string& later_name);
  std::vector<ChangeBasis> bases;               // set before add()

 private:
  const Instrument& instrument_;
  const ChangeOptions& options_;
  RecordWriter& out_;
  RecordWriter* unmatched_;
  std::vector<std::string> scores_;
  std::vector<ChangeDirection> directions_;
  bool classified_;
  std::vector<Cell> cells_;
  std::vector<std::string> texts_;
  void write_unmatched(std::string_view id, const std::string& present, const std::string& missing);
};

}  // namespace attune::change
