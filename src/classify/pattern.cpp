#include "attune/classify/pattern.h"

namespace attune {

Classification Classification::of(Pattern pattern) {
  Classification c;
  c.assign(pattern);
  return c;
}

void Classification::assign(std::optional<Pattern> to) {
  pattern = to;
  label.clear();
  if (const auto index = to ? static_cast<std::size_t>(*to) : 4; index < 4) {
    // Copies the padded name whole, then cuts it to length: the same bytes, copied the same
    // way whichever the pattern (within the string's own buffer: no allocation).
    label.append(kPaddedPatternNames[index], kPaddedPatternName);
    label.resize(kPatternNames[index].size());
  }
  flags.clear();
}

}  // namespace attune
