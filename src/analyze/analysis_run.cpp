#include "attune/analyze/analysis_run.h"

#include <cmath>

#include <fmt/format.h>

#include "attune/stats/item_analysis_moments.h"

namespace attune {

namespace {

// psych's keys for every scale with at least two items, as columns of the instrument's item row.
std::vector<ScaleKey> scale_keys(const Instrument& instrument, const ResponseScale& scale,
                                 std::vector<std::string>& skipped) {
  std::vector<ScaleKey> keys;
  for (const auto& s : instrument.scales) {
    if (s.keys.size() < 2) {
      skipped.push_back(fmt::format("{}: a single-item scale has no internal consistency", s.id));
      continue;
    }
    ScaleKey key;
    key.name = s.id;
    for (const auto& k : s.keys) {
      key.items.push_back(k.item);
      key.reversed.push_back(k.reversed);
    }
    key.min = scale.min;
    key.max = scale.max;
    keys.push_back(std::move(key));
  }
  return keys;
}

}  // namespace

bool weak_item(const ScaleAnalysis& scale, std::size_t position) {
  const ItemStats& item = scale.alpha.item_stats[position];
  const AlphaIfDropped& dropped = scale.alpha.alpha_drop[position];
  return item.r_drop < 0.30 || dropped.raw_alpha > scale.alpha.total.raw_alpha;
}

AnalysisReport run_analysis(const Instrument& definition, RecordSource& source, const AnalysisOptions& options) {
  AnalysisReport report;
  report.instrument = definition.id;
  std::vector<std::string> header = read_header(source);
  const Instrument instrument = definition.for_columns(header);
  ResponseReader reader(instrument, source, std::move(header), options);
  std::vector<ScaleKey> keys = scale_keys(instrument, reader.scale(), report.skipped);
  if (keys.empty()) {
    throw usage_error(fmt::format("{} has no scale with two or more items to analyse", instrument.id));
  }
  const std::size_t n_items = instrument.items.size();
  ItemAnalysisMoments moments(n_items, keys);
  DenseMatrix data(0, n_items);   // held only for the bootstrap
  ResponseRow row;
  while (reader.next(row)) {
    moments.add_row(row.items);
    if (options.bootstrap) {
      data.values.insert(data.values.end(), row.items.begin(), row.items.end());
      ++data.rows;
    }
  }
  report.rows = moments.rows();
  report.invalid_cells = reader.invalid_cells();
  report.invalid_cells_summary = reader.invalid_cells_summary();
  const auto& columns = reader.binding().item_columns;
  for (std::size_t s = 0; s < keys.size(); ++s) {
    ScaleAnalysis scale;
    scale.name = keys[s].name;
    for (auto item : keys[s].items) scale.items.push_back(columns[item]);
    scale.reversed = keys[s].reversed;
    ScaleMoments scale_moments = moments.scale_moments(s);
    try {
      scale.alpha = alpha(scale_moments, scale.items);
    } catch (const Error& e) {
      throw Error(e.kind(), {source.name()}, fmt::format("scale '{}': {}", scale.name, e.message()),
                  e.hint().empty() ? fmt::format("the {} rows read do not vary enough to analyse it", report.rows)
                                   : e.hint());
    }
    scale.keys = check_keys(scale_moments, scale.alpha, scale.name, scale.items);
    scale.split_half = split_half(scale_moments.covariance, options.split_half);
    scale.frequencies = moments.scale_response_frequencies(s);
    if (options.bootstrap) scale.bootstrap = bootstrap_alpha(keyed_items(data, keys[s]), *options.bootstrap);
    report.scales.push_back(std::move(scale));
  }
  if (keys.size() > 1) report.correlations = scale_correlations(moments);
  return report;
}

}  // namespace attune
