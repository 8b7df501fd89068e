#include "attune/analyze/analysis_run.h"

#include <cmath>
#include <memory>
#include <thread>

#include <fmt/format.h>

#include "attune/stats/item_analysis_moments.h"
#include "attune/util/batch_handoff.h"
#include "attune/util/packed_rows.h"

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

// Rows per batch handed to the pair-sums thread (about 40 bytes each for the ECR-R).
constexpr std::size_t kRowsPerBatch = 2048;

// Whether the pair sums get a thread of their own: --threads 2 or more, or 0 on a multi-core machine.
bool pair_sums_thread(unsigned threads) {
  return threads == 0 ? std::thread::hardware_concurrency() > 1 : threads > 1;
}

// Reads every row of `reader` into `row` and adds it to `moments` (calling each_row() after
// each): reading, parsing and the scale columns on this thread, the pair sums on a second one,
// in input order, so the sums are those of add_row(). The pair sums and their scratch row are
// made by that thread, so their memory is its own: none of it shares a cache line with what
// this thread writes (sharing made two threads slower than one).
template <typename EachRow>
void add_rows_on_two_threads(ResponseReader& reader, ResponseRow& row, ItemAnalysisMoments& moments,
                             EachRow each_row) {
  struct PairSums {
    explicit PairSums(std::size_t width) : moments(width) {}
    PairwiseMoments moments;
    std::vector<double> row;
  };
  const std::size_t width = moments.extended_size();
  std::unique_ptr<PairSums> pairs;
  BatchHandoff<PackedRows> handoff([&pairs, width](const PackedRows& batch) {
    if (!pairs) pairs = std::make_unique<PairSums>(width);
    batch.for_each(width, pairs->row, [&](std::span<const double> r) { pairs->moments.add(r); });
  });
  std::vector<double> extended(width);
  PackedRows* batch = &handoff.next_batch();
  while (reader.next(row)) {
    moments.extend_row(row.items, extended);
    batch->add(extended);
    each_row();
    if (batch->rows() == kRowsPerBatch) {
      handoff.submit();
      batch = &handoff.next_batch();
    }
  }
  handoff.submit();
  handoff.finish();
  if (pairs) moments.adopt_pair_moments(std::move(pairs->moments));
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
  auto keep_for_bootstrap = [&] {
    if (!options.bootstrap) return;
    data.values.insert(data.values.end(), row.items.begin(), row.items.end());
    ++data.rows;
  };
  if (pair_sums_thread(options.threads)) {
    add_rows_on_two_threads(reader, row, moments, keep_for_bootstrap);
  } else {
    while (reader.next(row)) {
      moments.add_row(row.items);
      keep_for_bootstrap();
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
