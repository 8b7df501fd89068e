// Checking a --min-valid rule against the scales it will apply to.
#pragma once

#include "attune/instrument/instrument.h"

namespace attune {

// Throws a usage Error naming the first scale of `instrument` that has fewer items than the
// count `rule` asks for: every score of that scale would be empty. Percentages always fit.
void check_min_valid(const Instrument& instrument, const MinValid& rule);

}  // namespace attune
