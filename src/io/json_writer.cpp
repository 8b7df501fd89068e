#include <iterator>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "attune/io/json_text.h"
#include "writers.h"

namespace attune::writers {

namespace {

class JsonWriter : public RecordWriter {
 public:
  JsonWriter(OutputSink& sink, bool lines) : sink_(sink), lines_(lines) {}

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
    if (!lines_) out_ += rows_ ? ",\n" : "\n";
    out_ += '{';
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i) out_ += ',';
      out_ += keys_[i];
      const Cell& cell = cells[i];
      if (cell.kind == Cell::Kind::number) append_number(out_, cell.number);
      else if (cell.kind == Cell::Kind::text) append_json_string(out_, cell.text);
      else out_ += "null";
    }
    out_ += '}';
    if (lines_) out_ += '\n';
    ++rows_;
    if (out_.size() >= (1u << 16)) {
      sink_.write(out_);
      out_.clear();
    }
  }

  void finish() override {
    if (!lines_) out_ += rows_ ? "\n]\n" : "]\n";
    sink_.write(out_);
    out_.clear();
  }

 private:
  OutputSink& sink_;
  bool lines_;
  std::vector<std::string> keys_;
  std::string out_;
  std::size_t rows_ = 0;
};

}  // namespace

std::unique_ptr<RecordWriter> make_json(OutputSink& sink, bool lines) {
  return std::make_unique<JsonWriter>(sink, lines);
}

}  // namespace attune::writers
