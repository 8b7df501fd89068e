#include "attune/change/transitions.h"

#include <cmath>
#include <limits>

#include "attune/instrument/pattern.h"

namespace attune {

std::size_t transition_state(std::string_view pattern) {
  if (auto known = parse_pattern(pattern)) return static_cast<std::size_t>(*known);
  return kTransitionStates - 1;
}

std::string_view transition_flow(std::string_view from, std::string_view to, bool reliable_improvement,
                                 bool borderline) {
  const std::size_t a = transition_state(from), b = transition_state(to);
  constexpr std::size_t secure = static_cast<std::size_t>(Pattern::secure);
  constexpr std::size_t unclassified = kTransitionStates - 1;
  if (a == unclassified || b == unclassified) return "unclassified";
  if (a == b) return "same pattern";
  if (borderline) return "borderline";
  if (b == secure) return reliable_improvement ? "reliably more secure" : "more secure (change not reliable)";
  if (a == secure) return "less secure";
  return "between insecure patterns";
}

void TransitionTable::add(std::string_view from, std::string_view to, std::string_view flow) {
  ++counts[transition_state(from)][transition_state(to)];
  ++flows[std::string(flow)];
}

std::uint64_t TransitionTable::row_total(std::size_t from) const {
  std::uint64_t total = 0;
  for (auto count : counts[from]) total += count;
  return total;
}

double TransitionTable::row_percent(std::size_t from, std::size_t to) const {
  const std::uint64_t total = row_total(from);
  if (total == 0) return std::numeric_limits<double>::quiet_NaN();
  return 100.0 * static_cast<double>(counts[from][to]) / static_cast<double>(total);
}

}  // namespace attune
