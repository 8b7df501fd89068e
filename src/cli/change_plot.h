// change --plot FILE.svg: the pattern transition plot of every pair of waves.
#pragma once

#include <string>

#include "attune/run/change_run.h"
#include "input_args.h"
#include "output_args.h"

namespace attune::cli {

// Throws a usage Error when `plot` is not an .svg file, names an input, -o or --unmatched,
// or when the run will not classify (`classified` false: no patterns to draw).
void check_change_plot(const std::string& plot, bool classified, const InputArgs& input, const OutputOptions& output,
                       const std::string& unmatched);

// Writes the transition plot of `report`'s pairs to `path` through the atomic output sink.
void write_change_plot(const std::string& path, const ChangeReport& report, const std::string& instrument);

}  // namespace attune::cli
