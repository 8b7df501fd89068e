#include "change_plot.h"

#include <fmt/format.h>

#include "attune/io/output_sink.h"
#include "attune/plot/transition.h"
#include "attune/util/error.h"

namespace attune::cli {

void check_change_plot(const std::string& plot, bool classified, const InputArgs& input, const OutputOptions& output,
                       const std::string& unmatched) {
  if (plot == "-" || plot.size() < 5 || plot.compare(plot.size() - 4, 4, ".svg") != 0) {
    throw usage_error(fmt::format("--plot writes an SVG file: '{}' does not end in .svg", plot), "give --plot transitions.svg");
  }
  if (!classified) {
    throw usage_error("--plot draws the pattern transitions, and this run assigns no patterns",
                      "use an instrument with a classification, or give --classify");
  }
  OutputOptions as_output = output;
  as_output.output = plot;
  std::vector<std::string> others{unmatched};
  if (output.output != "-") others.push_back(output.output);
  refuse_output_over_inputs(input, as_output, others);
}

void write_change_plot(const std::string& path, const ChangeReport& report, const std::string& instrument) {
  constexpr std::size_t unclassified = kTransitionStates - 1;
  bool any_unclassified = false;
  for (const auto& pair : report.pairs) {
    for (std::size_t s = 0; s < kTransitionStates; ++s) {
      any_unclassified = any_unclassified || pair.transitions.counts[s][unclassified] || pair.transitions.counts[unclassified][s];
    }
  }
  const std::size_t states = any_unclassified ? kTransitionStates : unclassified;
  plot::TransitionData data;
  data.title = fmt::format("Pattern transitions: {}", instrument);
  for (const auto& pair : report.pairs) {
    plot::TransitionPanel panel;
    panel.from = pair.from;
    panel.to = pair.to;
    for (std::size_t r = 0; r < states; ++r) {
      panel.states.emplace_back(kTransitionStateNames[r]);
      panel.counts.emplace_back(pair.transitions.counts[r].begin(), pair.transitions.counts[r].begin() + states);
    }
    for (const auto& [flow, count] : pair.transitions.flows) {
      if (flow == "reliably more secure") panel.reliably_more_secure = count;
      else panel.flows.emplace_back(flow, count);
    }
    data.panels.push_back(std::move(panel));
  }
  auto sink = open_output(path);
  sink->write(plot::transition_svg(data));
  sink->commit();
}

}  // namespace attune::cli
