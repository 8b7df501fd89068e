#include <algorithm>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "attune/util/text.h"
#include "writers.h"

namespace attune::writers {

namespace {

// Display width: one column per UTF-8 code point (enough for names and ids).
std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (char c : text) width += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return width;
}

class TableWriter : public RecordWriter {
 public:
  TableWriter(OutputSink& sink, WriterOptions options) : sink_(sink), options_(options) {}

  void begin(const std::vector<Column>& columns) override {
    columns_ = columns;
    widths_.clear();
    for (auto& column : columns_) {
      column.name = escape_controls(column.name);
      widths_.push_back(display_width(column.name));
    }
  }

  void write_row(std::span<const Cell> cells) override {
    std::vector<std::string> row;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      const Cell& cell = cells[i];
      std::string text;
      if (cell.kind == Cell::Kind::number) {
        int decimals = options_.numbers.digits >= 0  ? options_.numbers.digits
                       : columns_[i].decimals >= 0 ? columns_[i].decimals
                                                   : options_.table_decimals;
        append_table_number(text, cell.number, decimals, options_.numbers.decimal);   // 18, not 18.00
      }
      else if (cell.kind == Cell::Kind::text) {
        // A table is for terminals: line breaks and tabs become spaces, every other control
        // character (ESC, BEL, BS, DEL, C1) is shown escaped.
        for (char c : cell.text) text += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
        text = escape_controls(text);
      }
      widths_[i] = std::max(widths_[i], display_width(text));
      row.push_back(std::move(text));
    }
    rows_.push_back(std::move(row));
  }

  void finish() override {
    std::string out;
    std::vector<std::string> header;
    for (const auto& column : columns_) header.push_back(column.name);
    append_line(out, header);
    for (std::size_t i = 0; i < columns_.size(); ++i) {
      if (i) out += "  ";
      out.append(widths_[i], '-');
    }
    out += '\n';
    for (const auto& row : rows_) append_line(out, row);
    sink_.write(out);
    rows_.clear();
  }

 private:
  void append_line(std::string& out, const std::vector<std::string>& cells) {
    std::string line;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i) line += "  ";
      std::size_t pad = widths_[i] - display_width(cells[i]);
      if (columns_[i].numeric) line.append(pad, ' ');
      line += cells[i];
      if (!columns_[i].numeric) line.append(pad, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line;
    out += '\n';
  }

  OutputSink& sink_;
  WriterOptions options_;
  std::vector<Column> columns_;
  std::vector<std::size_t> widths_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace

std::unique_ptr<RecordWriter> make_table(OutputSink& sink, WriterOptions options) {
  return std::make_unique<TableWriter>(sink, options);
}

}  // namespace attune::writers
