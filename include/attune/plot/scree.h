// The scree plot of a parallel analysis (Horn 1965; as psych::fa.parallel draws it): observed
// eigenvalues of factors and of components against the means of those of simulated (and of
// resampled) data. A pure function of plain vectors: the factor command computes the values.
#pragma once

#include <string>
#include <vector>

namespace attune::plot {

// The values to draw; any vector may be empty (not drawn). Index i is factor/component i + 1.
struct ScreeData {
  std::string title = "Parallel analysis scree plot";
  std::vector<double> factor_observed, component_observed;
  std::vector<double> factor_simulated, component_simulated;   // means over simulated data sets
  std::vector<double> factor_resampled, component_resampled;   // means over resampled data sets
};

// The scree plot as a self-contained SVG document (deterministic bytes). Non-finite values
// are left out of their line.
std::string scree_svg(const ScreeData& data);

}  // namespace attune::plot
