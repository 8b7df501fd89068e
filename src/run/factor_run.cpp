#include "attune/run/factor_run.h"

#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "attune/stats/co_moments.h"
#include "attune/stats/factor_summary.h"
#include "attune/stats/item_analysis_moments.h"
#include "attune/util/error.h"
#include "run/progress_tick.h"

namespace attune {

namespace {

// One forward key over every item: analyze's one-pass moments then give every item pair's
// moments (the key's own column is never read), with the Likert fast path where the range has one.
std::vector<ScaleKey> all_items_key(std::size_t n_items, const ResponseScale& scale) {
  ScaleKey key;
  key.name = "all items";
  for (std::size_t i = 0; i < n_items; ++i) {
    key.items.push_back(i);
    key.reversed.push_back(false);
  }
  key.min = scale.min;
  key.max = scale.max;
  return {key};
}

// Reads every respondent not left out by --exclude-flagged into `moments`.
class FactorFeed {
 public:
  FactorFeed(ResponseReader& reader, const FactorOptions& options, FactorReport& report)
      : reader_(reader), exclude_(options.exclude), report_(report) {}

  // Adds every row to `moments`, and its codes to `tables` when given (--cor poly).
  void read_all(ItemAnalysisMoments& moments, ContingencyTables* tables, ProgressTick& progress) {
    ResponseRow row;
    std::vector<std::uint8_t> codes(moments.columns());
    for (;;) {
      const ResponseReader::Read read = moments.coding() ? reader_.next_codes(row, *moments.coding(), codes.data())
                                        : reader_.next(row) ? ResponseReader::Read::values
                                                            : ResponseReader::Read::end;
      if (read == ResponseReader::Read::end) break;
      if (excluded(row)) continue;
      progress.row();
      if (read == ResponseReader::Read::codes) {
        moments.add_codes(codes.data(), 1);
      } else {
        moments.add_row(row.items);
        if (tables && !moments.encode(row.items, codes.data())) refuse_for_polychoric(row, *moments.coding());
      }
      if (tables) tables->add_row(codes.data());
    }
  }

 private:
  // Whether --exclude-flagged leaves the row out (counted, the first one kept), as analyze decides.
  bool excluded(const ResponseRow& row) {
    if (!exclude_) return false;
    const bool by_row = exclude_->by_row || reader_.binding().id_fields.empty() || row.texts.empty();
    if (by_row) key_ = std::to_string(row.number);
    if (exclude_->flags_of(by_row ? std::string_view(key_) : row.texts.front()).empty()) return false;
    if (report_.excluded++ == 0) {
      report_.first_excluded = row.texts.empty() ? std::to_string(row.number) : std::string(row.texts.front());
    }
    return true;
  }

  // A row with an answer that is no whole number of the response range has no category.
  [[noreturn]] void refuse_for_polychoric(const ResponseRow& row, const LikertCoding& coding) const {
    std::size_t item = 0;
    for (std::uint8_t code = 0; item + 1 < row.items.size() && coding.encode(row.items[item], code);) ++item;
    throw Error(ErrorKind::data, {reader_.source().name()},
                fmt::format("--cor poly: data row {}: {} holds {}, which is no category of the response scale", row.number,
                            reader_.binding().item_columns.at(item), row.items[item]),
                "polychoric correlations need whole-number answers in the range; use --cor pearson");
  }

  ResponseReader& reader_;
  const FlagJoin* exclude_;
  FactorReport& report_;
  std::string key_;
};

// R: cor(x, use = "pairwise") of the items; throws a data Error naming the first pair without one.
DenseMatrix item_correlations(const ItemAnalysisMoments& moments, const std::vector<std::string>& names,
                              const std::string& file, std::size_t& min_pair_n, DenseMatrix& pair_counts) {
  const std::size_t k = moments.columns();
  DenseMatrix r(k, k);
  pair_counts = DenseMatrix(k, k);
  min_pair_n = std::numeric_limits<std::size_t>::max();
  for (std::size_t i = 0; i < k; ++i) {
    for (std::size_t j = 0; j <= i; ++j) {
      const CoMoments m = moments.item_moments(i, j);
      min_pair_n = std::min(min_pair_n, static_cast<std::size_t>(m.n));
      const double value = co_moments::correlation(m, i == j);
      if (std::isnan(value)) {
        const std::string what = i == j ? fmt::format("item {} does not vary", names[i])
                                        : fmt::format("items {} and {} have no correlation", names[j], names[i]);
        throw Error(ErrorKind::data, {file},
                    fmt::format("{} over the {} rows answering {} (pairwise-complete)", what,
                                static_cast<std::size_t>(m.n), i == j ? "it" : "both"),
                    "factor analysis needs every item to vary and every pair answered together by 2 or more rows");
      }
      r(i, j) = r(j, i) = value;
      pair_counts(i, j) = pair_counts(j, i) = static_cast<double>(m.n);
    }
  }
  return r;
}

// Per item, the scales keying it, and per multi-item scale its keyed rows.
std::vector<KeyedRows> keyed_rows(const Instrument& instrument, std::vector<std::string>& item_scales) {
  item_scales.assign(instrument.items.size(), "");
  std::vector<KeyedRows> scales;
  for (const Scale& scale : instrument.scales) {
    KeyedRows rows{scale.id, {}, {}};
    for (const KeyedItem& key : scale.keys) {
      const std::size_t i = key.item;
      rows.items.push_back(i);
      rows.reversed.push_back(key.reversed);
      item_scales[i] += (item_scales[i].empty() ? "" : ",") + scale.id;
    }
    scales.push_back(std::move(rows));
  }
  return scales;
}

// Items whose largest absolute loading is not on their scale's matched factor.
void check_items_against_scales(const DenseMatrix& loadings, const std::vector<KeyedRows>& scales, FactorReport& report) {
  const std::vector<std::size_t> scale_of = match_factors_to_scales(loadings, scales);
  report.factor_scales.assign(loadings.cols, "");
  for (const KeyedRows& scale : scales) report.scales.push_back(scale.scale);
  for (std::size_t f = 0; f < loadings.cols; ++f) {
    if (scale_of[f] == scales.size()) continue;
    const KeyedRows& scale = scales[scale_of[f]];
    report.factor_scales[f] = scale.scale;
    for (std::size_t item : scale.items) {
      std::size_t highest = 0;
      for (std::size_t g = 1; g < loadings.cols; ++g) {
        if (std::fabs(loadings(item, g)) > std::fabs(loadings(item, highest))) highest = g;
      }
      if (highest == f) continue;
      report.misfits.push_back({item, scale.scale, f, highest, loadings(item, f), loadings(item, highest)});
    }
  }
}

// Each item's answers as counts per Likert code (0: no answer), what fa.parallel resamples;
// nullopt when the range has no Likert coding (then the data are only simulated).
std::optional<ItemAnswerCounts> answer_counts(const ItemAnalysisMoments& moments) {
  if (!moments.coding()) return std::nullopt;
  const LikertCoding& coding = *moments.coding();
  ItemAnswerCounts answers;
  for (std::size_t c = 0; c < moments.columns(); ++c) {
    const ResponseCounts counts = moments.responses(c);
    std::vector<std::uint64_t>& item = answers.counts.emplace_back(coding.levels + 1);
    item[0] = counts.missing;
    for (unsigned u = 1; u <= coding.levels; ++u) {
      const int v = coding.base + static_cast<int>(u);
      if (v >= ResponseCounts::kSmallLow && v <= ResponseCounts::kSmallHigh) {
        item[u] = counts.small[static_cast<std::size_t>(v - ResponseCounts::kSmallLow)];
      } else if (auto it = counts.other.find(static_cast<double>(v)); it != counts.other.end()) {
        item[u] = it->second;
      }
    }
  }
  return answers;
}

}  // namespace

std::size_t max_factors(std::size_t items) {
  const auto p = static_cast<double>(items);
  std::size_t k = 0;
  while (k + 1 < items) {
    const auto next = static_cast<double>(k + 1);
    if (p * (p - 1) / 2 - p * next + next * (next - 1) / 2 < 0) break;
    ++k;
  }
  return k;
}

std::size_t default_factors(const Instrument& instrument) { return std::max<std::size_t>(instrument.scales.size(), 1); }

std::string method_name(FactorMethod method) {
  switch (method) {
    case FactorMethod::minres: return "minres";
    case FactorMethod::ml: return "ml";
    case FactorMethod::pa: return "pa";
  }
  return "?";
}

std::string rotation_name(RotationMethod rotation) {
  switch (rotation) {
    case RotationMethod::none: return "none";
    case RotationMethod::varimax: return "varimax";
    case RotationMethod::promax: return "promax";
    case RotationMethod::oblimin: return "oblimin";
    case RotationMethod::geomin_q: return "geominQ";
  }
  return "?";
}

FactorReport run_factor(const Instrument& definition, RecordSource& source, const FactorOptions& options) {
  FactorReport report;
  report.instrument = definition.id;
  report.method = options.method;
  report.rotation = options.rotation;
  std::vector<std::string> header = read_header(source);
  const Instrument instrument = definition.for_columns(header);
  const std::size_t n_items = instrument.items.size();
  const std::size_t nfactors = options.nfactors ? options.nfactors : default_factors(instrument);
  const std::size_t most = max_factors(n_items);
  if (most == 0) {   // p(p-1)/2 - p for one factor: -1 for one or two items
    const long p = static_cast<long>(n_items);
    throw usage_error(fmt::format("{} too few for a factor analysis: one factor leaves psych's degrees of freedom, "
                                  "p(p-1)/2 - pk + k(k-1)/2, at {}",
                                  n_items == 1 ? std::string("one item is") : fmt::format("{} items are", n_items), p * (p - 1) / 2 - p),
                      "factor analysis needs 3 or more items: give a definition or keys list with more of them");
  }
  if (nfactors > most) {
    throw usage_error(fmt::format("{} factor{} are more than {} items identify (at most {})", nfactors,
                                  nfactors == 1 ? "" : "s", n_items, most),
                      fmt::format("give --nfactors {} or fewer: psych's degrees of freedom, "
                                  "p(p-1)/2 - pk + k(k-1)/2, must not be negative", most));
  }
  ResponseReader reader(instrument, source, std::move(header), options);
  ItemAnalysisMoments moments(n_items, all_items_key(n_items, reader.scale()));
  std::optional<ContingencyTables> tables;
  if (options.polychoric) {
    if (!moments.coding()) {
      throw usage_error(fmt::format("--cor poly needs a response scale of 2 to {} whole numbers; {} has {} to {}",
                                    LikertCoding::kMaxLevels, instrument.id, reader.scale().min, reader.scale().max),
                        "give --cor pearson, or --range MIN:MAX if the data were answered on such a scale");
    }
    tables.emplace(n_items, moments.coding()->levels);
    report.cor = "poly";
  }
  FactorFeed feed(reader, options, report);
  ProgressTick progress(source, options.progress);
  feed.read_all(moments, tables ? &*tables : nullptr, progress);
  report.rows = moments.rows();
  report.invalid_cells = reader.invalid_cells();
  report.invalid_cells_summary = reader.invalid_cells_summary();
  report.empty_records = reader.empty_records().summary(source);
  report.items = reader.binding().item_columns;
  report.correlations = item_correlations(moments, report.items, source.name(), report.min_pair_n, report.pair_counts);
  const std::vector<KeyedRows> scales = keyed_rows(instrument, report.item_scales);
  if (tables) {
    PolychoricOptions poly;
    poly.item_names = report.items;
    poly.max_categories = LikertCoding::kMaxLevels;
    report.polychoric = polychoric(*tables, poly);
    report.correlations = report.polychoric->rho;
    if (report.polychoric->smoothed) {
      report.warnings.push_back("the polychoric matrix was not positive definite: smoothed as psych::cor.smooth does");
    }
    const std::size_t items = report.items.size();
    std::string corrected = continuity_correction_warning(report.polychoric->corrected_pairs, items * (items - 1) / 2, poly.correct);
    if (!corrected.empty()) report.warnings.push_back(std::move(corrected));
  }

  report.kmo = kaiser_meyer_olkin(report.correlations);
  report.bartlett = bartlett_sphericity(report.correlations, static_cast<double>(report.rows));
  if (std::isnan(report.kmo.msa) || std::isnan(report.bartlett.chisq)) {
    report.warnings.push_back(fmt::format(
        "the pairwise-complete correlation matrix of the {} items is not positive definite (missing answers, or fewer "
        "rows than items): KMO and Bartlett's test are NA, as psych gives them", n_items));
  }
  report.extraction = extract_factors(report.correlations, nfactors, options.method);
  report.rotated = nfactors > 1 ? rotate_loadings(report.extraction.loadings, options.rotation)
                                : RotatedLoadings{report.extraction.loadings, DenseMatrix(1, 1, 1.0), DenseMatrix(1, 1, 1.0)};
  if (!report.extraction.converged) {
    report.warnings.push_back(fmt::format("the {} extraction did not converge in {} iterations", method_name(options.method),
                                          report.extraction.iterations));
  }
  if (!report.rotated.converged) report.warnings.push_back(fmt::format("the {} rotation did not converge", rotation_name(options.rotation)));
  const DenseMatrix& loadings = report.rotated.loadings;
  report.complexity = item_complexity(loadings);
  report.ss_loadings = ss_loadings(loadings, report.rotated.oblique ? report.rotated.phi : DenseMatrix());
  report.fit = factor_fit(report.correlations, loadings, report.rotated.phi, static_cast<double>(report.rows),
                          report.pair_counts);
  report.sorted = fa_sort_order(loadings);
  check_items_against_scales(loadings, scales, report);
  if (options.parallel) {
    report.parallel_options = *options.parallel;
    const std::optional<ItemAnswerCounts> answers = answer_counts(moments);
    report.parallel = parallel_analysis(report.correlations, static_cast<double>(report.rows), *options.parallel,
                                        answers ? &*answers : nullptr);
  }
  if (options.omega) {
    report.omega = omega(report.correlations, nfactors, options.method);
    if (nfactors < 3) {
      report.warnings.push_back(fmt::format(
          "omega with {} factor{}: g is not identified, so psych's rule applies ({})", nfactors, nfactors == 1 ? "" : "s",
          nfactors == 1 ? "omega hierarchical is omega total" : "both factors load on g equally, sqrt(|phi|)"));
    }
    if (!report.omega->converged) report.warnings.push_back("omega's extraction or rotations did not converge");
  }
  return report;
}

}  // namespace attune
