// Private to src/plot: the pieces every chart shares (tick positions, the pattern styles).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "attune/instrument/pattern.h"
#include "attune/plot/plane.h"

namespace attune::plot {

// Tick values over `range` at a step of 1, 2 or 5 times a power of ten, about `wanted` of them.
std::vector<double> tick_values(AxisRange range, int wanted = 8);

// The colour (Okabe-Ito) and marker shape's id of each pattern: shapes differ so that the
// patterns stay apart in black-and-white print.
std::string_view pattern_colour(Pattern pattern);
std::string_view pattern_marker(Pattern pattern);

// The <defs> of the four markers (ids of pattern_marker, plus "m-none" for unclassified) and
// the regions' hatch patterns ("hatch-<pattern name>").
std::string marker_defs();

// ` font-size="N"` for `text` at `size`, smaller when its estimated width (DejaVu Sans: about
// 0.6 em a character, 0.65 bold) would pass `width`.
std::string fitting_font_size(std::string_view text, double size, double width, bool bold = false);

// A number for a label: whole numbers without decimals, others with up to two ("3.25").
std::string label_number(double value);

}  // namespace attune::plot
