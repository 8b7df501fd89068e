// The anxiety x avoidance plane as text for a terminal: braille dots for points (shades for
// a density), the cut lines, the axes and the four counts, within a given width. The caller
// says how wide and whether to colour; the library never asks the terminal.
#pragma once

#include <cstddef>
#include <string>

#include "attune/plot/plane.h"

namespace attune::plot {

struct TextPlotOptions {
  std::size_t width = 80;   // columns the lines may take (at least 40 are used)
  bool colour = false;      // ANSI colours (only when the caller knows a terminal wants them)
};

// The chart as UTF-8 lines, none wider than options.width columns (40 at the least).
std::string plane_text(const PlaneChart& chart, const PlaneAccumulator& plane, const TextPlotOptions& options);

}  // namespace attune::plot
