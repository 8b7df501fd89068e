// Mis-keying check: items that run against the rest of their scale (psych's check.keys logic).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "attune/stats/alpha.h"

namespace attune {

// An item that runs against the rest of its scale.
struct SuspectItem {
  std::size_t position = 0;  // index into the scale's items
  double r_drop = 0;         // its item.stats "r.drop" (correlation with the sum of the others)
  double loading = 0;        // its loading on the first principal component
  bool reverse = false;      // psych's rule advises reversing it (a negative loading)
  std::string message;       // a warning naming the item and the evidence (and the reverse key if `reverse`)
};

// The check for one scale.
struct KeyCheck {
  std::vector<double> loadings;      // psych::principal(keyed items, 1)$loadings (NA if undefined)
  std::vector<SuspectItem> suspects;
};

// psych::principal(x, nfactors = 1) loadings of a correlation matrix: first eigenvector times
// sqrt(eigenvalue), signed so the loadings sum to >= 0 (psych's sign convention).
std::vector<double> first_component_loadings(const DenseMatrix& correlation);

// On the KEYED data: an item with a negative first-component loading is one psych::alpha(check.keys
// = TRUE) would reverse, and is reported with that advice; an item whose loading is not negative
// but whose r.drop is, is reported as a weak or negative item-rest correlation, without it.
KeyCheck check_keys(const ScaleMoments& moments, const AlphaResult& alpha, const std::string& scale_name,
                    const std::vector<std::string>& item_labels);

}  // namespace attune
