#include "attune/io/qualtrics_source.h"

#include <optional>
#include <string_view>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "attune/util/text.h"

namespace attune {

bool is_qualtrics_import_row(const Record& record) {
  bool any = false;
  for (auto field : record.fields) {
    field = trim(field);
    if (field.empty()) continue;
    if (!field.starts_with("{\"ImportId\"")) return false;
    any = true;
  }
  return any;
}

namespace {

// A plain decimal number ("5", "-2", "3.5", "4,5"): what a respondent's answer looks like, and
// what no Qualtrics header row (column names, question texts, ImportId JSON) is made of.
bool looks_like_number(std::string_view text) {
  text = trim(text);
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) text.remove_prefix(1);
  bool digit = false;
  int marks = 0;
  for (char c : text) {
    if (c >= '0' && c <= '9') digit = true;
    else if ((c == '.' || c == ',') && ++marks == 1) continue;
    else return false;
  }
  return digit;
}

// The first cell of `record` that holds a number; Qualtrics' question-text row has none.
std::optional<std::size_t> first_number_cell(const Record& record) {
  for (std::size_t i = 0; i < record.fields.size(); ++i) {
    if (looks_like_number(record.fields[i])) return i;
  }
  return std::nullopt;
}

// A record that owns its text, replayed as views.
struct OwnedRecord {
  std::vector<std::string> fields;
  Record shape;   // positions; its views are rebuilt on replay

  explicit OwnedRecord(const Record& record) : fields(record.fields.begin(), record.fields.end()), shape(record) {}

  void replay_into(Record& record) const {
    record = shape;
    record.fields.assign(fields.begin(), fields.end());
  }
};

class QualtricsSource : public RecordSource {
 public:
  QualtricsSource(std::unique_ptr<RecordSource> inner, QualtricsMode mode) : inner_(std::move(inner)), mode_(mode) {}

  bool next(Record& record) override {
    if (!started_) return start(record);
    if (!pending_.empty()) {
      current_.emplace(std::move(pending_.front()));   // owns the text the views point into
      pending_.erase(pending_.begin());
      current_->replay_into(record);
      renumber(record);
      return true;
    }
    if (!inner_->next(record)) return false;
    renumber(record);
    return true;
  }

  const std::string& name() const override { return inner_->name(); }
  std::uint64_t bytes_read() const override { return inner_->bytes_read(); }
  std::uint64_t total_bytes() const override { return inner_->total_bytes(); }
  // Once the looked-at rows are handed out, the inner reader's records are ours (their record
  // numbers are the file's; runs number rows themselves).
  PlainText* plain_text() override { return started_ && pending_.empty() ? inner_->plain_text() : nullptr; }
  bool delimited_text() const override { return inner_->delimited_text(); }
  // The inner reader starts again after its header; the header rows dropped are skipped again.
  bool rewind() override {
    if (!started_ || !inner_->rewind()) return false;
    pending_.clear();
    current_.reset();
    Record skipped;
    for (std::uint64_t i = 0; i < dropped_; ++i) inner_->next(skipped);
    return true;
  }

 private:
  // Reads the header, then looks at the next two rows to decide what to drop.
  bool start(Record& record) {
    started_ = true;
    if (!inner_->next(record)) return false;
    header_.emplace(record);
    if (mode_ != QualtricsMode::off) {
      Record look;
      std::vector<OwnedRecord> rows;
      for (int i = 0; i < 2 && inner_->next(look); ++i) rows.emplace_back(look);
      bool import_row = rows.size() == 2 && [&] {
        Record third;
        rows[1].replay_into(third);
        return is_qualtrics_import_row(third);
      }();
      std::size_t drop = import_row ? 2 : (mode_ == QualtricsMode::on ? std::min<std::size_t>(1, rows.size()) : 0);
      if (drop == 1) refuse_data_row(rows[0]);
      dropped_ = drop;
      pending_.assign(rows.begin() + static_cast<std::ptrdiff_t>(drop), rows.end());
    }
    header_->replay_into(record);
    return true;
  }

  // --qualtrics without an ImportId row drops the second row as question text: unless it holds
  // no number, it is a respondent's row, and dropping it would lose that respondent silently.
  void refuse_data_row(const OwnedRecord& row) const {
    Record second;
    row.replay_into(second);
    auto cell = first_number_cell(second);
    if (!cell) return;
    std::string column = *cell < header_->fields.size() ? show_text(header_->fields[*cell]) : "?";
    throw Error(ErrorKind::usage, second.where(inner_->name(), *cell),
                fmt::format("--qualtrics: the second row is not a Qualtrics header row (no ImportId row follows "
                            "it, and column {} holds the number {}): it looks like a respondent, whom "
                            "--qualtrics would drop",
                            column, show_text(trim(second.fields[*cell]))),
                "leave out --qualtrics for a plain CSV; Qualtrics exports are recognised without it");
  }

  // Record numbers count the rows a reader sees: the dropped header rows are not among them.
  void renumber(Record& record) const { record.number -= dropped_; }

  std::unique_ptr<RecordSource> inner_;
  QualtricsMode mode_;
  bool started_ = false;
  std::optional<OwnedRecord> header_;
  std::vector<OwnedRecord> pending_;
  std::optional<OwnedRecord> current_;
  std::uint64_t dropped_ = 0;
};

}  // namespace

std::unique_ptr<RecordSource> skip_qualtrics_headers(std::unique_ptr<RecordSource> inner, QualtricsMode mode) {
  return std::make_unique<QualtricsSource>(std::move(inner), mode);
}

}  // namespace attune
