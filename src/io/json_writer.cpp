#include <iterator>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "attune/io/json_text.h"
#include "writers.h"

namespace attune::writers {

namespace {

class JsonWriter : public RecordWriter, public RowFormatter {
 public:
  JsonWriter(OutputSink& sink, bool lines, NumberStyle numbers) : sink_(sink), lines_(lines), numbers_(numbers) {}

  void begin(const std::vector<Column>& columns) override {
    keys_.clear();
    for (const auto& column : columns) {
      std::string key;
      append_json_string(key, column.name);
      keys_.push_back(key + ":");
    }
    if (!lines_) out_ += "[";
  }

  void write_row(std::span<const Cell> cells) override {
    format_row(out_, cells, rows_);
    ++rows_;
    if (out_.size() >= (1u << 16)) {
      sink_.write(out_);
      out_.clear();
    }
  }

  void format_row(std::string& out, std::span<const Cell> cells, std::uint64_t index) const override {
    if (!lines_) out += index ? ",\n" : "\n";
    out += '{';
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i) out += ',';
      out += keys_[i];
      const Cell& cell = cells[i];
      if (cell.kind == Cell::Kind::number) {
        if (numbers_.plain()) append_number(out, cell.number);
        else append_styled_number(out, cell.number, numbers_);
      }
      else if (cell.kind == Cell::Kind::text) append_json_string(out, cell.text);
      else out += "null";
    }
    out += '}';
    if (lines_) out += '\n';
  }

  const RowFormatter* row_formatter() const override { return this; }

  void write_formatted(std::string_view bytes, std::uint64_t rows) override {
    sink_.write(out_);
    out_.clear();
    sink_.write(bytes);
    rows_ += rows;
  }

  void finish() override {
    if (!lines_) out_ += rows_ ? "\n]\n" : "]\n";
    sink_.write(out_);
    out_.clear();
  }

 private:
  OutputSink& sink_;
  bool lines_;
  NumberStyle numbers_;   // --digits (the mark is always '.')
  std::vector<std::string> keys_;
  std::string out_;
  std::uint64_t rows_ = 0;
};

}  // namespace

std::unique_ptr<RecordWriter> make_json(OutputSink& sink, bool lines, NumberStyle numbers) {
  numbers.decimal = '.';   // JSON numbers have a point
  return std::make_unique<JsonWriter>(sink, lines, numbers);
}

}  // namespace attune::writers
