#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "attune/plot/scree.h"

using namespace attune::plot;

TEST_CASE("scree_svg draws each given series through its points, in the text alternative too") {
  ScreeData data;
  data.factor_observed = {3.0, 1.0, 0.5};
  data.factor_simulated = {1.2, 1.0, 0.8};
  data.component_observed = {3.5, NAN, 0.7};
  const std::string svg = scree_svg(data);
  // x runs 1..3 over 70..610; y 0..4 over 380..60: (1, 3) -> (70, 140).
  CHECK(svg.find("<polyline points=\"70,140 340,300 610,340\"") != std::string::npos);
  CHECK(svg.find("components, observed: 3.5 NA 0.7;") != std::string::npos);
  CHECK(svg.find("<polyline points=\"70,100 610,324\"") != std::string::npos);   // NaN left out
  CHECK(svg.find("resampled") == std::string::npos);   // not given, not drawn
  CHECK(svg == scree_svg(data));
}

TEST_CASE("scree_svg of nothing is still a document") {
  const std::string svg = scree_svg(ScreeData{});
  CHECK(svg.find("</svg>") != std::string::npos);
}
