#include "attune/io/qualtrics_source.h"

#include <optional>
#include <string>
#include <vector>

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
      dropped_ = drop;
      pending_.assign(rows.begin() + static_cast<std::ptrdiff_t>(drop), rows.end());
    }
    header_->replay_into(record);
    return true;
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
