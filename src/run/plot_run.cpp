#include "attune/run/plot_run.h"

#include <cmath>
#include <cstring>

#include <fmt/format.h>

#include "attune/instrument/pattern.h"
#include "attune/plot/svg.h"
#include "attune/responses/response_reader.h"
#include "attune/util/text.h"

namespace attune {

namespace {

// A row as the collector keeps it between a worker's format_row and write_formatted.
struct PackedRow {
  double anxiety, avoidance;
  std::int8_t pattern;     // -1: none of the four
  std::uint8_t borderline;
};

// A RecordWriter that writes nothing: each row's two dimensions, pattern and borderline flag
// go into the plane. Its RowFormatter packs them, so that a multi-threaded score run keeps
// its threads.
class PlaneCollector : public RecordWriter, public RowFormatter {
 public:
  PlaneCollector(const ClassificationSpec& spec, plot::PlaneAccumulator& plane) : spec_(spec), plane_(plane) {}

  void begin(const std::vector<Column>& columns) override {
    for (std::size_t c = 0; c < columns.size(); ++c) {
      const std::string& name = columns[c].name;
      if (name == spec_.anxiety) anxiety_ = c;
      if (name == spec_.avoidance) avoidance_ = c;
      if (name == "pattern") pattern_ = c;
      if (name == "flags") flags_ = c;
    }
  }
  void write_row(std::span<const Cell> cells) override { add(pack(cells)); }
  void finish() override {}
  const RowFormatter* row_formatter() const override { return this; }
  void format_row(std::string& out, std::span<const Cell> cells, std::uint64_t /*index*/) const override {
    const PackedRow row = pack(cells);
    out.append(reinterpret_cast<const char*>(&row), sizeof row);
  }
  void write_formatted(std::string_view bytes, std::uint64_t rows) override {
    for (std::uint64_t r = 0; r < rows && (r + 1) * sizeof(PackedRow) <= bytes.size(); ++r) {
      PackedRow row;
      std::memcpy(&row, bytes.data() + r * sizeof row, sizeof row);
      add(row);
    }
  }
  std::uint64_t borderline() const { return borderline_; }

 private:
  const ClassificationSpec& spec_;
  plot::PlaneAccumulator& plane_;
  std::size_t anxiety_ = 0, avoidance_ = 0;
  std::optional<std::size_t> pattern_, flags_;
  std::uint64_t borderline_ = 0;

  static double number(const Cell& cell) { return cell.kind == Cell::Kind::number ? cell.number : NAN; }

  PackedRow pack(std::span<const Cell> cells) const {
    PackedRow row{number(cells[anxiety_]), number(cells[avoidance_]), -1, 0};
    if (pattern_ && cells[*pattern_].kind == Cell::Kind::text) {
      if (auto p = parse_pattern(cells[*pattern_].text)) row.pattern = static_cast<std::int8_t>(*p);
    }
    if (flags_ && cells[*flags_].kind == Cell::Kind::text) {
      for (std::string_view flag : split(cells[*flags_].text, ';')) row.borderline |= flag == "borderline";
    }
    return row;
  }
  void add(const PackedRow& row) {
    plane_.add(row.anxiety, row.avoidance, row.pattern < 0 ? std::nullopt : std::optional(static_cast<Pattern>(row.pattern)));
    borderline_ += row.borderline;
  }
};

// The definition's label of score `id`, else the id.
std::string score_label(const Instrument& instrument, const std::string& id) {
  for (const auto& scale : instrument.scales) if (scale.id == id && !scale.label.empty()) return scale.label;
  for (const auto& computed : instrument.computed) if (computed.id == id && !computed.label.empty()) return computed.label;
  return id;
}

}  // namespace

PlaneRun run_plane(const Instrument& instrument, RecordSource& source, const ScoreOptions& options,
                   const ScoreHooks& hooks, std::size_t point_limit) {
  if (!instrument.classification || !instrument.classification->dimensional()) {
    throw usage_error(fmt::format("{} has no anxiety and avoidance dimensions to draw a plane of", show_text(instrument.id)),
                      "plot --items draws its item distributions");
  }
  if (!options.classify) throw usage_error("plot draws the patterns: --classify none leaves none", "give a method or leave --classify out");
  const ClassificationSpec& spec = *instrument.classification;
  const ResponseScale scale = effective_scale(instrument, options);
  const auto [x_lo, x_hi] = instrument.score_range(spec.anxiety, scale);
  const auto [y_lo, y_hi] = instrument.score_range(spec.avoidance, scale);
  PlaneRun run(plot::PlaneAccumulator({x_lo, x_hi}, {y_lo, y_hi}, point_limit));
  ScoreOptions own = options;
  own.summary = true;
  PlaneCollector collector(spec, run.plane);
  run.report = run_score(instrument, source, collector, own, hooks);
  const InstrumentReport& part = run.report.instruments.front();
  plot::PlaneChart& chart = run.chart;
  chart.title = fmt::format("{}: {} and {}", instrument.name.empty() ? instrument.id : instrument.name,
                            score_label(instrument, spec.anxiety), score_label(instrument, spec.avoidance));
  chart.anxiety_label = score_label(instrument, spec.anxiety);
  chart.avoidance_label = score_label(instrument, spec.avoidance);
  const auto& ids = part.summary.score_ids();
  const std::size_t x_col = score_column(ids, spec.anxiety), y_col = score_column(ids, spec.avoidance);
  for (const auto& [col, cut] : part.axis_cutoffs) {
    if (col == x_col) chart.anxiety_cut = cut;
    if (col == y_col) chart.avoidance_cut = cut;
  }
  for (const BorderlineCut& cut : part.borderline_cuts) {
    if (cut.col == x_col) chart.anxiety_band = cut.sem;
    if (cut.col == y_col) chart.avoidance_band = cut.sem;
  }
  chart.counts = part.summary.pattern_counts();
  chart.unclassified = part.summary.unclassified();
  for (const auto& [label, count] : part.summary.other_labels()) chart.other_labels += count;
  if (options.borderline) chart.borderline = collector.borderline();
  chart.method = fmt::format("Method: {}", part.classifier_name);
  if (chart.anxiety_cut && chart.avoidance_cut) {
    chart.method += fmt::format(" (cut-offs: anxiety {}, avoidance {})", plot::svg_number(*chart.anxiety_cut),
                                plot::svg_number(*chart.avoidance_cut));
  }
  return run;
}

plot::ItemTally run_item_tally(const Instrument& definition, RecordSource& source, const ResponseOptions& options) {
  std::vector<std::string> header = read_header(source);
  const Instrument instrument = definition.for_columns(header);
  ResponseReader reader(instrument, source, std::move(header), options);
  std::vector<std::string> labels;
  std::vector<bool> reversed(instrument.items.size(), false);
  for (const Item& item : instrument.items) {
    std::string label = fmt::format("{}. {}", item.number, item.column);
    if (label.size() > 20) label = fmt::format("item {}", item.number);
    labels.push_back(std::move(label));
  }
  for (const Scale& scale : instrument.scales) {
    for (const KeyedItem& key : scale.keys) if (key.reversed) reversed[key.item] = true;
  }
  plot::ItemTally tally(std::move(labels), std::move(reversed), reader.scale().min, reader.scale().max);
  ResponseRow row;
  while (reader.next(row)) tally.add(row.items);
  return tally;
}

}  // namespace attune
