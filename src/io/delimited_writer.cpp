#include <string>
#include <vector>

#include "writers.h"

namespace attune::writers {

namespace {

class DelimitedWriter : public RecordWriter, public RowFormatter {
 public:
  DelimitedWriter(OutputSink& sink, char delimiter, WriterOptions options)
      : sink_(sink), delimiter_(delimiter), options_(options) {
    for (char c : {delimiter_, '"', '\n', '\r'}) needs_quotes_[static_cast<unsigned char>(c)] = true;
  }

  void begin(const std::vector<Column>& columns) override {
    numeric_.clear();
    for (std::size_t i = 0; i < columns.size(); ++i) {
      if (i) line_ += delimiter_;
      append_text(line_, columns[i].name, false);
      numeric_.push_back(columns[i].numeric);
    }
    line_ += '\n';
    sink_.write(line_);
    line_.clear();
  }

  void write_row(std::span<const Cell> cells) override {
    format_row(line_, cells, 0);
    if (line_.size() >= (1u << 16)) flush();
  }

  void format_row(std::string& out, std::span<const Cell> cells, std::uint64_t /*index*/) const override {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i) out += delimiter_;
      const Cell& cell = cells[i];
      if (cell.kind == Cell::Kind::number) append_number(out, cell.number);
      else if (cell.kind == Cell::Kind::text) append_text(out, cell.text, options_.safe_csv && !numeric_[i]);
    }
    out += '\n';
  }

  void finish() override { flush(); }

  const RowFormatter* row_formatter() const override { return this; }

  void write_formatted(std::string_view bytes, std::uint64_t /*rows*/) override {
    flush();
    sink_.write(bytes);
  }

 private:
  void flush() {
    sink_.write(line_);
    line_.clear();
  }

  void append_text(std::string& out, std::string_view text, bool defuse) const {
    // Spreadsheets run cells starting with = + - @ as formulas; a leading ' shows them as text.
    bool formula = defuse && !text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos;
    if (delimiter_ == '\t') {
      if (formula) out += '\'';
      for (char c : text) {
        switch (c) {
          case '\t': out += "\\t"; break;
          case '\n': out += "\\n"; break;
          case '\r': out += "\\r"; break;
          case '\\': out += "\\\\"; break;
          default: out += c;
        }
      }
      return;
    }
    bool quote = false;
    for (char c : text) quote |= needs_quotes_[static_cast<unsigned char>(c)];
    if (!quote && !formula) {
      out.append(text);
      return;
    }
    out += '"';
    if (formula) out += '\'';
    for (char c : text) {
      if (c == '"') out += '"';
      out += c;
    }
    out += '"';
  }

  OutputSink& sink_;
  char delimiter_;
  WriterOptions options_;
  std::vector<bool> numeric_;
  bool needs_quotes_[256] = {};   // the delimiter, quote, LF and CR
  std::string line_;
};

}  // namespace

std::unique_ptr<RecordWriter> make_delimited(OutputSink& sink, char delimiter, WriterOptions options) {
  return std::make_unique<DelimitedWriter>(sink, delimiter, options);
}

}  // namespace attune::writers
