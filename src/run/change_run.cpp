#include "attune/run/change_run.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <deque>
#include <unordered_map>
#include <limits>

#include <fmt/format.h>

#include "attune/responses/empty_records.h"
#include "attune/run/analysis_run.h"
#include "attune/stats/alpha.h"
#include "attune/util/error.h"
#include "attune/util/text.h"
#include "change_pairs.h"

namespace attune {

namespace {

using change::LaterRow;
using change::PairState;
using change::PairWriter;

// Takes the score run's rows: the id, the wave (a kept column), the scores, the pattern and
// its flags, for `on_row`, in input order. Its formatter packs those cells into bytes, so the
// score run may parse and score on worker threads; `write_formatted` unpacks them in order.
class CaptureWriter : public RecordWriter, RowFormatter {
 public:
  using OnRow = std::function<void(const LaterRow& row, std::string_view wave)>;
  CaptureWriter(std::string wave_column, std::vector<std::string> scores, OnRow on_row)
      : wave_column_(std::move(wave_column)), score_names_(std::move(scores)), on_row_(std::move(on_row)) {}
  void begin(const std::vector<Column>& columns) override {
    score_cols_.assign(score_names_.size(), 0);
    for (std::size_t c = 0; c < columns.size(); ++c) {
      const std::string& name = columns[c].name;
      // The header's spelling: --wave matched it exactly, or else ignoring case (as --keep does).
      if (!wave_column_.empty() && c > 0 && (name == wave_column_ || (!wave_col_ && iequals(name, wave_column_)))) {
        wave_col_ = c;
      }
      if (name == "pattern") pattern_col_ = c;
      if (name == "flags") flags_col_ = c;
      for (std::size_t s = 0; s < score_names_.size(); ++s) if (name == score_names_[s]) score_cols_[s] = c;
    }
    scores_.resize(score_names_.size());
  }
  void write_row(std::span<const Cell> cells) override {
    for (std::size_t s = 0; s < score_cols_.size(); ++s) scores_[s] = number(cells[score_cols_[s]]);
    LaterRow row{text(cells[0]), rows_++, scores_, pattern_col_ ? text(cells[*pattern_col_]) : std::string_view(),
                 flags_col_ && text(cells[*flags_col_]).find("borderline") != std::string_view::npos};
    on_row_(row, wave_col_ ? text(cells[*wave_col_]) : std::string_view());
  }
  const RowFormatter* row_formatter() const override { return this; }
  // Packs a row: the id, wave and pattern as (length, bytes), the scores as doubles, a borderline byte.
  void format_row(std::string& out, std::span<const Cell> cells, std::uint64_t) const override {
    put_text(out, text(cells[0]));
    put_text(out, wave_col_ ? text(cells[*wave_col_]) : std::string_view());
    put_text(out, pattern_col_ ? text(cells[*pattern_col_]) : std::string_view());
    for (std::size_t col : score_cols_) {
      const double value = number(cells[col]);
      out.append(reinterpret_cast<const char*>(&value), sizeof value);
    }
    out.push_back(flags_col_ && text(cells[*flags_col_]).find("borderline") != std::string_view::npos ? 1 : 0);
  }
  void write_formatted(std::string_view bytes, std::uint64_t rows) override {
    for (std::uint64_t r = 0; r < rows; ++r) {
      const std::string_view id = take_text(bytes), wave = take_text(bytes), pattern = take_text(bytes);
      for (double& value : scores_) {
        std::memcpy(&value, bytes.data(), sizeof value);
        bytes.remove_prefix(sizeof value);
      }
      const bool borderline = bytes.front() != 0;
      bytes.remove_prefix(1);
      on_row_(LaterRow{id, rows_++, scores_, pattern, borderline}, wave);
    }
  }
  void finish() override {}

 private:
  static std::string_view text(const Cell& cell) { return cell.kind == Cell::Kind::text ? cell.text : std::string_view(); }
  static double number(const Cell& cell) {
    return cell.kind == Cell::Kind::number ? cell.number : std::numeric_limits<double>::quiet_NaN();
  }
  static void put_text(std::string& out, std::string_view text) {
    const auto size = static_cast<std::uint64_t>(text.size());
    out.append(reinterpret_cast<const char*>(&size), sizeof size);
    out.append(text);
  }
  static std::string_view take_text(std::string_view& bytes) {
    std::uint64_t size = 0;
    std::memcpy(&size, bytes.data(), sizeof size);
    const std::string_view text = bytes.substr(sizeof size, size);
    bytes.remove_prefix(sizeof size + size);
    return text;
  }
  std::string wave_column_;
  std::vector<std::string> score_names_;
  OnRow on_row_;
  std::vector<std::size_t> score_cols_;
  std::optional<std::size_t> wave_col_, pattern_col_, flags_col_;
  std::vector<double> scores_;
  std::uint64_t rows_ = 0;
};

// The line of 0-based respondent row `row` of a fresh `source`: records are counted as the
// score run counts them (empty records left out unless kept).
std::uint64_t line_of_row(RecordSource& source, const ResponseOptions& options, std::uint64_t row) {
  Record record;
  if (!source.next(record)) return 0;
  const bool leave_out = leaves_out_empty_records(source, options);
  std::uint64_t seen = 0;
  while (source.next(record)) {
    if (leave_out && record.blank()) continue;
    if (seen++ == row) return record.line;
  }
  return 0;
}

class ChangeRun {
 public:
  ChangeRun(const Instrument& instrument, const std::vector<WaveSource>& inputs, RecordWriter& out,
            RecordWriter* unmatched, const ChangeOptions& options, const ChangeHooks& hooks)
      : instrument_(instrument), inputs_(inputs), options_(options), hooks_(hooks),
        scores_(instrument.score_ids()),
        classified_(options.score.classify && (instrument.classification || !options.score.classifier.method.empty())),
        writer_(instrument, options, out, unmatched, scores_, classified_) {
    score_options_ = options.score;
    score_options_.threads = options.score.threads;
    score_options_.warn_repeated_ids = false;   // this run checks ids within each wave itself
    score_options_.summary = false;
    if (!score_options_.borderline) score_options_.reliability.clear();   // r_xx for the RCI alone
    if (!options.wave_column.empty()) score_options_.columns.keep_columns = {options.wave_column};
    else score_options_.columns.keep_columns.clear();
    score_options_.columns.keep_option = "--wave";
    score_options_.columns.keep_all = false;
    score_options_.provenance = false;
    score_options_.flags = nullptr;
  }

  ChangeReport run() {
    for (const auto& [key, value] : options_.score.reliability) {
      if (key != "all" && std::find(scores_.begin(), scores_.end(), key) == scores_.end()) {
        throw usage_error(fmt::format("--reliability {}: {} has no score {}", show_text(key), instrument_.id, show_text(key)),
                          fmt::format("its scores: {}", fmt::join(scores_, ", ")));
      }
    }
    writer_.begin();
    if (options_.wave_column.empty()) run_files();
    else run_long();
    ChangeReport report;
    for (const auto& wave : waves_) report.waves.push_back(wave.name());
    report.numeric_waves = numeric_;
    report.scores = scores_;
    report.bases = writer_.bases;
    for (auto& pair : pairs_) report.pairs.push_back(std::move(pair.report));
    report.classified = classified_;
    report.rows = rows_;
    return report;
  }

 private:
  const Instrument& instrument_;
  const std::vector<WaveSource>& inputs_;
  const ChangeOptions& options_;
  const ChangeHooks& hooks_;
  ScoreOptions score_options_;
  std::vector<std::string> scores_;
  bool classified_;
  PairWriter writer_;
  std::deque<WaveScores> waves_;
  std::vector<PairState> pairs_;
  bool numeric_ = false;
  std::uint64_t rows_ = 0;
  std::string source_name_;   // the source being scored, for messages

  void score(const WaveSource& input, const CaptureWriter::OnRow& on_row) {
    std::unique_ptr<RecordSource> source = input.open();
    source_name_ = source->name();
    CaptureWriter capture(options_.wave_column, scores_, on_row);
    ScoreHooks hooks;
    hooks.warn = hooks_.warn;
    rows_ += run_score(instrument_, *source, capture, score_options_, hooks).rows;
  }

  [[noreturn]] void duplicate(const WaveSource& input, std::string_view id, const std::string& wave, std::uint64_t a,
                              std::uint64_t b) {
    std::unique_ptr<RecordSource> again = input.open();
    const std::uint64_t line_a = line_of_row(*again, options_.score, a);
    again = input.open();
    const std::uint64_t line_b = line_of_row(*again, options_.score, b);
    const SourceLocation first = again->locate(line_a), second = again->locate(line_b);
    throw data_error(second, fmt::format("id {} appears twice in wave {}: at {}:{} and {}:{}", show_text(id), wave,
                                         first.file, first.line, second.file, second.line),
                     "each respondent has one row per wave: remove or rename the repeated row");
  }

  void make_pairs() {
    for (auto [from, to] : wave_pairs(waves_.size(), options_.pairs)) {
      PairState pair;
      pair.from = from;
      pair.to = to;
      pair.report.from = waves_[from].name();
      pair.report.to = waves_[to].name();
      pair.report.verdicts.resize(scores_.size());
      pair.retest.resize(scores_.size());
      pairs_.push_back(std::move(pair));
    }
  }

  // Sends a later-wave respondent to every pair whose later wave is `to`.
  void match(const WaveSource& input, std::size_t to, const std::string& name, const LaterRow& row) {
    for (auto& pair : pairs_) {
      if (pair.to != to) continue;
      WaveScores& earlier = waves_[pair.from];
      if (pair.matched_row.size() != earlier.size()) pair.matched_row.assign(earlier.size(), 0);
      if (auto other = writer_.add(pair, earlier, name, row)) duplicate(input, row.id, name, *other, row.row);
    }
  }

  void finish_pairs(std::size_t to, const std::string& name) {
    for (auto& pair : pairs_) {
      if (pair.to != to) continue;
      if (pair.matched_row.size() != waves_[pair.from].size()) pair.matched_row.assign(waves_[pair.from].size(), 0);
      writer_.finish_pair(pair, waves_[pair.from], name);
      warn_near_matches(pair, name);
    }
  }

  // Warns of ids that would match but for letter case or white space around them: they stay apart.
  void warn_near_matches(const PairState& pair, const std::string& later_name) {
    const change::NearMatches near = change::near_matches(pair, waves_[pair.from]);
    if (near.count == 0 || !hooks_.warn) return;
    const std::string& earlier_name = waves_[pair.from].name();
    hooks_.warn(fmt::format("wave {} -> {}: {} unmatched id{} of wave {} differ{} from an unmatched id of wave {} only in "
                            "letter case or surrounding spaces (e.g. {} in wave {}, {} in wave {}); ids are matched exactly, "
                            "so these count as different people: make the ids the same in both waves if they are the same "
                            "people (--unmatched FILE lists them)",
                            earlier_name, later_name, near.count, near.count == 1 ? "" : "s", earlier_name,
                            near.count == 1 ? "s" : "", later_name, show_text(near.earlier), earlier_name,
                            show_text(near.later), later_name));
  }

  void hold(WaveScores& wave, const WaveSource& input, const LaterRow& row) {
    if (auto other = wave.add(row.id, row.row, row.scores, row.pattern, row.borderline)) {
      duplicate(input, row.id, wave.name(), *other, row.row);
    }
  }

  // One source per wave: wave w is held only while a later pair needs it.
  void run_files() {
    if (inputs_.size() < 2) throw usage_error("change needs two or more waves", "give one file per wave, or one long file with --wave COLUMN");
    for (std::size_t w = 0; w < inputs_.size(); ++w) waves_.emplace_back(std::to_string(w + 1), scores_.size());
    make_pairs();
    for (std::size_t w = 0; w < inputs_.size(); ++w) {
      const bool held = w + 1 < inputs_.size();
      const std::string name = waves_[w].name();
      score(inputs_[w], [&](const LaterRow& row, std::string_view) {
        if (held) hold(waves_[w], inputs_[w], row);
        if (w > 0) match(inputs_[w], w, name, row);
      });
      if (w == 0) fit(inputs_[0], "");
      if (w > 0) finish_pairs(w, name);
      for (auto& pair : pairs_) {   // a wave no later pair reads is let go
        bool needed = false;
        for (const auto& other : pairs_) needed = needed || (other.from == pair.from && other.to > w);
        if (!needed && pair.to <= w) waves_[pair.from] = WaveScores(waves_[pair.from].name(), 0);
      }
    }
  }

  // Where respondent row `row` (0-based) of a long panel has its wave cell: file, line and
  // column, read again from the first byte (the source's name alone when it cannot be read twice).
  SourceLocation wave_cell(const WaveSource& input, std::uint64_t row) {
    try {
      std::unique_ptr<RecordSource> source = input.open();
      Record record;
      if (!source->next(record)) return {source_name_, 0, 0};
      std::optional<std::size_t> column;   // as CaptureWriter finds it: exactly, else ignoring case
      for (std::size_t i = 0; i < record.size() && !column; ++i) if (record.fields[i] == options_.wave_column) column = i;
      for (std::size_t i = 0; i < record.size() && !column; ++i) if (iequals(record.fields[i], options_.wave_column)) column = i;
      const bool leave_out = leaves_out_empty_records(*source, options_.score);
      std::uint64_t seen = 0;
      while (source->next(record)) {
        if (leave_out && record.blank()) continue;
        if (seen++ != row) continue;
        const SourceLocation cell = record.where(source->name(), column.value_or(record.size()));
        SourceLocation at = source->locate(cell.line);
        at.column = cell.column;
        return at;
      }
    } catch (const Error&) {   // a pipe: its bytes are gone
    }
    return {source_name_, 0, 0};
  }

  // One long panel: every row held in its wave, then the waves ordered and matched.
  void run_long() {
    if (inputs_.size() != 1) throw usage_error("--wave reads one long file", "give the panel as one file (or drop --wave and give one file per wave)");
    std::vector<std::string> names;
    std::deque<WaveScores> seen;
    std::unordered_map<std::string, std::size_t> by_name;
    score(inputs_[0], [&](const LaterRow& row, std::string_view wave) {
      std::string key(trim(wave));
      if (key.empty()) throw data_error(wave_cell(inputs_[0], row.row), fmt::format("respondent {} (data row {}) has no wave in column {}", show_text(row.id), row.row + 1, show_text(options_.wave_column)),
                                        "give every row its wave");
      auto at = by_name.find(key);
      if (at == by_name.end()) {
        at = by_name.emplace(key, names.size()).first;
        names.push_back(key);
        seen.emplace_back(key, scores_.size());
      }
      hold(seen[at->second], inputs_[0], row);
    });
    if (names.size() < 2) throw data_error({source_name_, 0, 0}, fmt::format("column {} holds {} wave(s); change needs two or more", show_text(options_.wave_column), names.size()),
                                              "give a panel with two or more waves, or one file per wave without --wave");
    for (std::size_t w : order_waves(names, &numeric_)) waves_.push_back(std::move(seen[w]));
    make_pairs();
    fit(inputs_[0], waves_.front().name());
    for (std::size_t w = 1; w < waves_.size(); ++w) {
      const WaveScores& wave = waves_[w];
      for (std::size_t i = 0; i < wave.size(); ++i) {
        match(inputs_[0], w, wave.name(), {wave.id(i), wave.row(i), wave.scores(i), wave.pattern(i), wave.borderline(i)});
      }
      finish_pairs(w, wave.name());
    }
  }

  // S_diff of each score from wave 1: its SD (n - 1) and r_xx (--reliability, else the sample's alpha).
  void fit(const WaveSource& input, const std::string& first_wave) {
    const WaveScores& first = waves_.front();
    std::vector<double> alphas = sample_alphas(input, first_wave);
    for (std::size_t s = 0; s < scores_.size(); ++s) {
      ChangeBasis basis;
      basis.score = scores_[s];
      long double sum = 0;
      for (std::size_t i = 0; i < first.size(); ++i) if (!std::isnan(first.scores(i)[s])) { sum += first.scores(i)[s]; ++basis.n; }
      long double mean = basis.n ? sum / basis.n : 0, ss = 0;
      for (std::size_t i = 0; i < first.size(); ++i) if (!std::isnan(first.scores(i)[s])) ss += (first.scores(i)[s] - mean) * (first.scores(i)[s] - mean);
      basis.sd1 = basis.n > 1 ? std::sqrt(static_cast<double>(ss / (basis.n - 1))) : std::numeric_limits<double>::quiet_NaN();
      const auto& given = options_.score.reliability;
      if (auto it = given.find(scores_[s]); it != given.end()) basis.reliability = it->second, basis.reliability_from = "--reliability";
      else if (auto all = given.find("all"); all != given.end()) basis.reliability = all->second, basis.reliability_from = "--reliability";
      else basis.reliability = alphas[s], basis.reliability_from = std::isnan(alphas[s]) ? "none: no sample alpha (give --reliability)" : "sample alpha at wave 1";
      basis.s_diff = difference_standard_error(basis.sd1, basis.reliability);
      writer_.bases.push_back(basis);
    }
  }

  // psych::alpha's raw_alpha of each score that is a scale of two or more items, over wave 1's
  // rows (NaN for the others, and for all when --reliability covers every score).
  std::vector<double> sample_alphas(const WaveSource& input, const std::string& first_wave) {
    std::vector<double> alphas(scores_.size(), std::numeric_limits<double>::quiet_NaN());
    bool needed = false;
    for (const auto& score : scores_) needed = needed || !(options_.score.reliability.count(score) || options_.score.reliability.count("all"));
    if (!needed) return alphas;
    std::unique_ptr<RecordSource> source = input.open();
    std::vector<std::string> header = read_header(*source);
    const Instrument instrument = instrument_.for_columns(header);
    ResponseOptions read = score_options_;
    read.columns = columns_for(read.columns, score_options_.patterns_by_instrument, score_options_.maps_by_instrument, instrument.id);
    ResponseReader reader(instrument, *source, std::move(header), read);
    std::vector<std::string> skipped;
    std::vector<ScaleKey> keys = scale_keys(instrument, reader.scale(), skipped);
    if (keys.empty()) return alphas;
    ItemAnalysisMoments moments(instrument.items.size(), keys);
    const std::size_t wave_text = reader.binding().id_fields.size();
    ResponseRow row;
    while (reader.next(row)) {
      if (!first_wave.empty() && (row.texts.size() <= wave_text || trim(row.texts[wave_text]) != first_wave)) continue;
      moments.add_row(row.items);
    }
    for (std::size_t k = 0; k < keys.size(); ++k) {
      auto at = std::find(scores_.begin(), scores_.end(), keys[k].name);
      if (at == scores_.end()) continue;
      try {
        alphas[at - scores_.begin()] = alpha(moments.scale_moments(k)).total.raw_alpha;
      } catch (const Error& e) {
        if (hooks_.warn) hooks_.warn(fmt::format("no sample alpha for {} at wave 1 ({}): give --reliability {}=R", keys[k].name, e.message(), keys[k].name));
      }
    }
    return alphas;
  }
};

}  // namespace

ChangeReport run_change(const Instrument& instrument, const std::vector<WaveSource>& inputs, RecordWriter& out,
                        RecordWriter* unmatched, const ChangeOptions& options, const ChangeHooks& hooks) {
  if (!(options.z > 0)) throw usage_error("--z must be above 0");
  ChangeReport report = ChangeRun(instrument, inputs, out, unmatched, options, hooks).run();
  out.finish();
  if (unmatched) unmatched->finish();
  return report;
}

}  // namespace attune
