// One `attune change` run: the same respondents scored at several waves (one file per wave,
// or a long panel with a wave column), matched by id, with each score's reliable change
// (Jacobson & Truax 1991), the pattern transitions, and (--retest) test-retest statistics.
// Each wave is scored by the score run (run_score): same scores, same classification.
// Memory: with one file per wave, the run holds the ids and scores of the earlier wave (and of
// the first, for first-last pairs), never the answers; the later wave streams, and only its
// unmatched ids are kept. A long panel holds every row's id, wave and scores.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "attune/change/reliable_change.h"
#include "attune/change/transitions.h"
#include "attune/change/wave_scores.h"
#include "attune/instrument/instrument.h"
#include "attune/io/record_source.h"
#include "attune/io/record_writer.h"
#include "attune/run/score_run.h"

namespace attune {

// What a user can say about a change run.
struct ChangeOptions {
  ScoreOptions score;          // reading, scoring, classifying (score's options); its
                               // `reliability` (ALPHA or SCORE=ALPHA) also gives r_xx here
  std::string wave_column;     // --wave: a long panel's wave column ("" : one source per wave)
  WavePairs pairs = WavePairs::consecutive;
  double z = 1.96;             // --z: |RCI| above it is reliable change
  bool retest = false;         // --retest: write test-retest statistics instead of the rows
};

// A wave's input: its name and how to open it (each call a new source from the first byte;
// the sample alpha reads wave 1 a second time). A long panel is one such input.
struct WaveSource {
  std::string name;
  std::function<std::unique_ptr<RecordSource>()> open;
};

// Callbacks through which a run reports (the library never prints).
struct ChangeHooks {
  std::function<void(const std::string&)> warn;
};

// One pair of waves: who matched, who did not, the verdicts and the transitions.
struct WavePairReport {
  std::string from, to;
  std::uint64_t matched = 0, only_from = 0, only_to = 0;
  std::vector<std::map<std::string, std::uint64_t>> verdicts;   // per score: verdict -> count
  TransitionTable transitions;
};

// What the run did.
struct ChangeReport {
  std::vector<std::string> waves;     // in order
  bool numeric_waves = false;         // long panel: ordered by value (else first appearance)
  std::vector<std::string> scores;    // score ids, in output order
  std::vector<ChangeBasis> bases;     // per score: what S_diff was made of (NaN: not known)
  std::vector<WavePairReport> pairs;
  bool classified = false;            // the instrument classifies (patterns and transitions)
  std::uint64_t rows = 0;             // respondent rows read over all waves
};

// Scores every wave of `inputs` and writes one row per matched respondent and pair onto `out`
// (or, with retest, the retest table); respondents in one wave only go to `unmatched` when
// given (id, present_in, missing_from). Throws Errors for bad input (a duplicate id within a
// wave names both rows).
ChangeReport run_change(const Instrument& instrument, const std::vector<WaveSource>& inputs, RecordWriter& out,
                        RecordWriter* unmatched, const ChangeOptions& options, const ChangeHooks& hooks = {});

}  // namespace attune
