#include "attune/responses/observed_range.h"
#include "attune/run/analysis_run.h"
#include "attune/util/threads.h"

#include <cmath>
#include <memory>
#include <optional>
#include <thread>

#include <fmt/format.h>

#include "attune/stats/item_analysis_moments.h"
#include "stats/likert_moments.h"
#include "util/batch_handoff.h"
#include "run/progress_tick.h"
#include "util/packed_rows.h"

namespace attune {

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

namespace {

// Rows per batch handed to the pair-sums thread (about 40 bytes each for the ECR-R).
constexpr std::size_t kRowsPerBatch = 2048;


// A batch of rows for the pair-sums thread: Likert rows as codes, the others extended and packed.
struct RowBatch {
  std::vector<std::uint8_t> codes;   // room for kRowsPerBatch rows, the first coded_rows used
  std::size_t coded_rows = 0;
  PackedRows general;
  std::size_t rows() const { return coded_rows + general.rows(); }
  void clear() {
    coded_rows = 0;
    general.clear();
  }
};

// Reads respondents for the sums: as Likert codes where the line allows (unless the values are
// wanted, for the bootstrap), else as values into row.items.
class RowFeed {
 public:
  RowFeed(ResponseReader& reader, ResponseRow& row, const ItemAnalysisMoments& moments, bool values_wanted,
          const FlagJoin* exclude, AnalysisReport& report, bool watch_range)
      : reader_(reader), row_(row), coding_(values_wanted ? std::nullopt : moments.coding()),
        n_items_(moments.columns()), watch_range_(watch_range), exclude_(exclude), report_(report) {}
  // The next respondent not left out: its codes into `codes` (columns() bytes), or its values
  // into row.items.
  ResponseReader::Read next(std::uint8_t* codes) {
    const ResponseReader::Read read = read_one(codes);
    if (!exclude_ && !watch_range_) return read;   // the common row: nothing else to do
    return checked(read, codes);
  }

  // What the rows read reached of the declared scale (when the user gave no --range).
  const ObservedRange& seen() const { return seen_; }

 private:
  // Whether --exclude-flagged leaves the row just read out (counted, the first one kept).
  bool excluded() {
    if (!exclude_) return false;
    const bool by_row = exclude_->by_row || reader_.binding().id_fields.empty() || row_.texts.empty();
    if (by_row) key_ = std::to_string(row_.number);
    if (exclude_->flags_of(by_row ? std::string_view(key_) : row_.texts.front()).empty()) return false;
    if (report_.excluded++ == 0) {
      report_.first_excluded = row_.texts.empty() ? std::to_string(row_.number) : std::string(row_.texts.front());
    }
    return true;
  }

  ResponseReader::Read read_one(std::uint8_t* codes) {
    return coding_ ? reader_.next_codes(row_, *coding_, codes)
           : reader_.next(row_) ? ResponseReader::Read::values
                                : ResponseReader::Read::end;
  }

  // next() for a run that leaves flagged rows out or still watches the answers' range: kept out
  // of line so that next() stays small.
  [[gnu::noinline]] ResponseReader::Read checked(ResponseReader::Read read, std::uint8_t* codes) {
    while (read != ResponseReader::Read::end && excluded()) read = read_one(codes);
    if (read != ResponseReader::Read::end && watch_range_) watch(read, codes);
    return read;
  }

  // Adds the row to seen_, until both ends of the scale are reached.
  void watch(ResponseReader::Read read, const std::uint8_t* codes) {
    if (read == ResponseReader::Read::codes) {
      seen_.add_codes(std::span(codes, n_items_), coding_->base);
    } else {
      seen_.add(row_.items);
    }
    if (seen_.reaches(reader_.scale())) watch_range_ = false;
  }

  ResponseReader& reader_;
  ResponseRow& row_;
  std::optional<LikertCoding> coding_;
  std::size_t n_items_;
  ObservedRange seen_;
  bool watch_range_;
  const FlagJoin* exclude_;
  AnalysisReport& report_;
  std::string key_;
};

// Adds every row of `feed` to `moments` on this thread, calling each_values_row() after each
// row read as values and each_codes(codes, read_as_values) after every row.
template <typename EachRow, typename EachCodes>
void add_rows_on_one_thread(RowFeed& feed, const ResponseRow& row, ItemAnalysisMoments& moments,
                            EachRow each_values_row, EachCodes each_codes, ProgressTick& progress) {
  std::vector<std::uint8_t> codes(moments.columns());
  for (;;) {
    const ResponseReader::Read read = feed.next(codes.data());
    if (read == ResponseReader::Read::end) break;
    progress.row();
    const bool as_values = read != ResponseReader::Read::codes;
    if (as_values) {
      moments.add_row(row.items);
      each_values_row();
    } else {
      moments.add_codes(codes.data(), 1);
    }
    each_codes(codes.data(), as_values);
  }
}

// The same, with reading, parsing, encoding (or the general path's scale columns) on this
// thread and the sums on a second one: the sums are those of add_row(). The sums and their
// scratch row are made by that thread, so their memory is its own: none of it shares a cache
// line with what this thread writes (sharing made two threads slower than one).
template <typename EachRow>
void add_rows_on_two_threads(RowFeed& feed, const ResponseRow& row, ItemAnalysisMoments& moments,
                             EachRow each_values_row, ProgressTick& progress) {
  struct Sums {
    Sums(std::size_t width, const ItemAnalysisMoments& m) : general(width) {
      if (m.coding()) likert.emplace(m.new_likert_moments());
    }
    PairwiseMoments general;
    std::optional<LikertMoments> likert;
    std::vector<double> row;
  };
  const std::size_t width = moments.extended_size(), columns = moments.columns();
  std::unique_ptr<Sums> sums;
  BatchHandoff<RowBatch> handoff([&sums, &moments, width](const RowBatch& batch) {
    if (!sums) sums = std::make_unique<Sums>(width, moments);
    if (batch.coded_rows) sums->likert->add(batch.codes.data(), batch.coded_rows);
    batch.general.for_each(width, sums->row, [&](std::span<const double> r) { sums->general.add(r); });
  });
  std::vector<double> extended(width);
  RowBatch* batch = &handoff.next_batch();
  for (;;) {
    if (batch->codes.size() != kRowsPerBatch * columns) batch->codes.resize(kRowsPerBatch * columns);
    std::uint8_t* into = batch->codes.data() + batch->coded_rows * columns;
    const ResponseReader::Read read = feed.next(into);
    if (read == ResponseReader::Read::end) break;
    progress.row();
    if (read == ResponseReader::Read::codes || moments.encode(row.items, into)) {
      ++batch->coded_rows;
    } else {
      moments.extend_row(row.items, extended);
      batch->general.add(extended);
    }
    if (read == ResponseReader::Read::values) each_values_row();
    if (batch->rows() == kRowsPerBatch) {
      handoff.submit();
      batch = &handoff.next_batch();
    }
  }
  handoff.submit();
  handoff.finish();
  if (sums) {
    moments.adopt_pair_moments(std::move(sums->general));
    if (sums->likert) moments.adopt_likert_moments(std::move(*sums->likert));
  }
}

// Per scale, the contingency tables of its keyed Likert codes (reversed items recoded), for --cor poly.
class KeyedTables {
 public:
  KeyedTables(const std::vector<ScaleKey>& keys, unsigned levels) : keys_(keys), levels_(levels) {
    for (const auto& key : keys) tables_.emplace_back(key.items.size(), levels);
  }
  // Adds one row of codes (0 no answer, 1 .. levels) to every scale's tables.
  void add(const std::uint8_t* codes) {
    for (std::size_t s = 0; s < keys_.size(); ++s) {
      keyed_.resize(keys_[s].items.size());
      for (std::size_t j = 0; j < keyed_.size(); ++j) {
        const std::uint8_t code = codes[keys_[s].items[j]];
        keyed_[j] = keys_[s].reversed[j] && code ? static_cast<std::uint8_t>(levels_ + 1 - code) : code;
      }
      tables_[s].add_row(keyed_.data());
    }
  }
  const ContingencyTables& scale(std::size_t s) const { return tables_[s]; }

 private:
  const std::vector<ScaleKey>& keys_;
  unsigned levels_;
  std::vector<ContingencyTables> tables_;
  std::vector<std::uint8_t> keyed_;
};

// Adds a row's codes to `tables`, encoding them first when the row was read as values; a row
// whose answers are no Likert codes throws a data Error naming the row and column.
void add_to_tables(KeyedTables& tables, const ItemAnalysisMoments& moments, const ResponseRow& row,
                   ResponseReader& reader, std::uint8_t* codes, bool as_values) {
  if (as_values && !moments.encode(row.items, codes)) {
    std::size_t item = 0;
    for (std::uint8_t code = 0; item + 1 < row.items.size() && moments.coding()->encode(row.items[item], code);) ++item;
    throw Error(ErrorKind::data, {reader.source().name()},
                fmt::format("--cor poly: data row {}: {} holds {}, which is no category of the response scale",
                            row.number, reader.binding().item_columns.at(item), row.items[item]),
                "polychoric correlations need whole-number answers in the range; use --cor pearson");
  }
  tables.add(codes);
}

// Omega total of a scale's keyed correlations; NaN (and why, in `note`) when psych's
// one-factor fit cannot be made (a pair of items never answered together).
OmegaTotal scale_omega(const DenseMatrix& correlations, unsigned threads, std::string& note) {
  try {
    return omega_total_analysis(correlations, threads);
  } catch (const Error& e) {
    note = e.message();
    OmegaTotal none;
    none.omega_total = std::nan("");
    none.if_dropped.assign(correlations.rows, std::nan(""));
    return none;
  }
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
  // --threads 2 or more, or 0 on a multi-core machine: the pair sums get a thread of their own,
  // and omega's fits if an item is dropped and the bootstrap's replicates run on this many.
  const unsigned threads = resolve_threads(options.threads).count;
  ItemAnalysisMoments moments(n_items, keys);
  DenseMatrix data(0, n_items);   // held only for the bootstrap
  ResponseRow row;
  auto keep_for_bootstrap = [&] {
    if (!options.bootstrap) return;
    data.values.insert(data.values.end(), row.items.begin(), row.items.end());
    ++data.rows;
  };
  RowFeed feed(reader, row, moments, options.bootstrap.has_value(), options.exclude, report, !options.range);
  ProgressTick progress(source, options.progress);
  std::optional<KeyedTables> tables;
  if (options.polychoric) {
    if (!moments.coding()) {
      throw usage_error(fmt::format("--cor poly needs a response scale of 2 to {} whole numbers; {} has {} to {}",
                                    LikertCoding::kMaxLevels, instrument.id, reader.scale().min, reader.scale().max),
                        "give no --cor (Pearson), or --range MIN:MAX if the data were answered on such a scale");
    }
    tables.emplace(keys, moments.coding()->levels);
    add_rows_on_one_thread(
        feed, row, moments, keep_for_bootstrap,
        [&](std::uint8_t* codes, bool as_values) { add_to_tables(*tables, moments, row, reader, codes, as_values); },
        progress);
  } else if (threads > 1) {
    add_rows_on_two_threads(feed, row, moments, keep_for_bootstrap, progress);
  } else {
    add_rows_on_one_thread(feed, row, moments, keep_for_bootstrap, [](std::uint8_t*, bool) {}, progress);
  }
  report.rows = moments.rows();
  report.invalid_cells = reader.invalid_cells();
  report.invalid_cells_summary = reader.invalid_cells_summary();
  report.empty_records = reader.empty_records().summary(source);
  if (!options.range) report.range_warning = narrow_range_warning(feed.seen(), reader.scale(), instrument.id);
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
    scale.omega = scale_omega(scale_moments.correlation, threads, scale.omega_note);
    if (tables) {
      PolychoricOptions poly;
      poly.item_names = scale.items;
      poly.max_categories = LikertCoding::kMaxLevels;
      try {
        scale.ordinal = ordinal_reliability(tables->scale(s), poly);
      } catch (const Error& e) {
        throw Error(e.kind(), {source.name()}, fmt::format("scale '{}': --cor poly: {}", scale.name, e.message()),
                    e.hint().empty() ? "give no --cor to analyse the observed answers only" : e.hint());
      }
    }
    scale.keys = check_keys(scale_moments, scale.alpha, scale.name, scale.items);
    scale.split_half = split_half(scale_moments.covariance, options.split_half);
    scale.frequencies = moments.scale_response_frequencies(s);
    if (options.bootstrap) {
      const DenseMatrix keyed = keyed_items(data, keys[s]);
      BootstrapOptions boot = *options.bootstrap;
      boot.threads = threads;
      BootstrapAlphaOmega both = bootstrap_alpha_and_omega(keyed, boot);
      scale.bootstrap = std::move(both.alpha);
      scale.omega_bootstrap = std::move(both.omega);
    }
    report.scales.push_back(std::move(scale));
  }
  if (keys.size() > 1) report.correlations = scale_correlations(moments);
  return report;
}

}  // namespace attune
