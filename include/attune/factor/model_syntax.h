// An instrument's measurement model as CFA syntax, so that confirmatory users start from the
// key attune scores with: one factor per scale, its items as the data's columns.
#pragma once

#include <string>
#include <vector>

#include "attune/instrument/instrument.h"

namespace attune {

// lavaan model syntax: comments naming the instrument and its reversed items, then one
// `scale =~ item + item ...` line per scale with two or more items. `item_columns` are the
// data's column names for the instrument's items, in its order. Throws a usage Error when a
// name is not a lavaan identifier (letters, digits, '.' and '_', not starting with a digit).
std::string lavaan_model(const Instrument& instrument, const std::vector<std::string>& item_columns);

// The same model as an Mplus input's MODEL command (`scale BY item item ...;`), with
// USEVARIABLES; `!` comments. A scale id Mplus cannot read (letters, digits and '_' only, a
// letter first, at most 8 characters) names its factor shortened, said in a comment; an item
// column it cannot read is a usage Error (the data must be renamed).
std::string mplus_model(const Instrument& instrument, const std::vector<std::string>& item_columns);

}  // namespace attune
