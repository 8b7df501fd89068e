#include <string>
#include <vector>

#include "writers.h"

namespace attune::writers {

namespace {

class DelimitedWriter : public RecordWriter {
 public:
  DelimitedWriter(OutputSink& sink, char delimiter, WriterOptions options)
      : sink_(sink), delimiter_(delimiter), options_(options) {}

  void begin(const std::vector<Column>& columns) override {
    numeric_.clear();
    for (std::size_t i = 0; i < columns.size(); ++i) {
      if (i) line_ += delimiter_;
      append_text(columns[i].name, false);
      numeric_.push_back(columns[i].numeric);
    }
    line_ += '\n';
    sink_.write(line_);
    line_.clear();
  }

  void write_row(std::span<const Cell> cells) override {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i) line_ += delimiter_;
      const Cell& cell = cells[i];
      if (cell.kind == Cell::Kind::number) append_number(line_, cell.number);
      else if (cell.kind == Cell::Kind::text) append_text(cell.text, options_.safe_csv && !numeric_[i]);
    }
    line_ += '\n';
    if (line_.size() >= (1u << 16)) flush();
  }

  void finish() override { flush(); }

 private:
  void flush() {
    sink_.write(line_);
    line_.clear();
  }

  void append_text(std::string_view text, bool defuse) {
    // Spreadsheets run cells starting with = + - @ as formulas; a leading ' shows them as text.
    bool formula = defuse && !text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos;
    if (delimiter_ == '\t') {
      if (formula) line_ += '\'';
      for (char c : text) {
        switch (c) {
          case '\t': line_ += "\\t"; break;
          case '\n': line_ += "\\n"; break;
          case '\r': line_ += "\\r"; break;
          case '\\': line_ += "\\\\"; break;
          default: line_ += c;
        }
      }
      return;
    }
    bool quote = false;
    for (char c : text) quote = quote || c == delimiter_ || c == '"' || c == '\n' || c == '\r';
    if (!quote && !formula) {
      line_.append(text);
      return;
    }
    line_ += '"';
    if (formula) line_ += '\'';
    for (char c : text) {
      if (c == '"') line_ += '"';
      line_ += c;
    }
    line_ += '"';
  }

  OutputSink& sink_;
  char delimiter_;
  WriterOptions options_;
  std::vector<bool> numeric_;
  std::string line_;
};

}  // namespace

std::unique_ptr<RecordWriter> make_delimited(OutputSink& sink, char delimiter, WriterOptions options) {
  return std::make_unique<DelimitedWriter>(sink, delimiter, options);
}

}  // namespace attune::writers
