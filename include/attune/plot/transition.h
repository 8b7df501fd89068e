// The pattern transition plot of `attune change`: per pair of waves, the matrix of patterns at
// the earlier wave (rows) by the later wave (columns), each cell's shaded square proportional
// to the row percentage, with count and percent written (readable in black-and-white print).
// A pure function of plain counts and labels: the change command counts.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace attune::plot {

// One pair of waves: the states (rows and columns alike), counts[from][to], and the flows.
struct TransitionPanel {
  std::string from, to;                                        // the waves' names
  std::vector<std::string> states;                             // e.g. secure, preoccupied, ...
  std::vector<std::vector<std::uint64_t>> counts;              // states x states
  std::uint64_t reliably_more_secure = 0;                      // named in the caption
  std::vector<std::pair<std::string, std::uint64_t>> flows;    // the other flows, as counted
};

// What to draw: a title and one panel per pair (in order; two panels to a row).
struct TransitionData {
  std::string title = "Pattern transitions between waves";
  std::vector<TransitionPanel> panels;
};

// The transition plot as a self-contained SVG document (deterministic bytes). Each cell's
// count text carries data-panel, data-from and data-to attributes (for checks and scripts).
// Throws attune::Error when a panel's counts are not states x states.
std::string transition_svg(const TransitionData& data);

}  // namespace attune::plot
