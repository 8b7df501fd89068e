#include "attune/responses/response_reader.h"

#include <algorithm>

#include <fmt/format.h>

#include "attune/io/csv_reader.h"
#include "attune/util/text.h"
#include "responses/plain_line.h"

namespace attune {

ResponseScale effective_scale(const Instrument& instrument, const ResponseOptions& options) {
  ResponseScale scale = instrument.response;
  if (options.range) {
    scale.min = options.range->first;
    scale.max = options.range->second;
    // Labels belong to the published scale; on another range they no longer apply.
    if (scale.min != instrument.response.min || scale.max != instrument.response.max) scale.labels.clear();
  }
  return scale;
}

std::vector<std::string> read_header(RecordSource& source) {
  Record record;
  if (!source.next(record)) {
    throw data_error({source.name()}, "the input is empty: no header row",
                     "the first line must name the columns: an id and the items");
  }
  return {record.fields.begin(), record.fields.end()};
}

namespace {

constexpr const char* kEncodingHint =
    "if the file was saved in a Western European encoding (Excel's \"CSV\" on Windows writes cp1252), give "
    "--encoding cp1252 (or --encoding latin1); else save it as UTF-8";

// The message for text that is not UTF-8: `what`, the text, and its first bad byte.
std::string not_utf8(const std::string& what, std::string_view text) {
  const std::size_t at = invalid_utf8_at(text);
  return fmt::format("{} {} is not UTF-8 text (byte 0x{:02X}), as the default --encoding utf-8 requires", what, show_text(text),
                     static_cast<unsigned char>(text[at]));
}

// The header's names as UTF-8: read from --encoding (so that options name columns in UTF-8).
std::vector<std::string> header_as_utf8(std::vector<std::string> header, TextEncoding encoding) {
  if (encoding == TextEncoding::utf8) return header;
  for (auto& name : header) {
    if (!has_non_ascii(name)) continue;
    std::string utf8;
    append_as_utf8(utf8, name, encoding);
    name = std::move(utf8);
  }
  return header;
}

// Throws when the name of a column the binding reads (and a run may write) is not UTF-8.
void check_names_utf8(const std::vector<std::string>& header, const ColumnBinding& binding, const std::string& file) {
  for (const auto* fields : {&binding.id_fields, &binding.keep_fields, &binding.item_fields}) {
    for (std::size_t field : *fields) {
      if (field >= header.size() || invalid_utf8_at(header[field]) == std::string_view::npos) continue;
      throw data_error({file, 1}, not_utf8(fmt::format("the name of column {}", field + 1), header[field]), kEncodingHint);
    }
  }
}

}  // namespace

ResponseParser::ResponseParser(const Instrument& instrument, std::vector<std::string> header,
                               const ResponseOptions& options, const std::string& file)
    : file_(file), policy_(options.invalid), encoding_(options.encoding),
      parser_(effective_scale(instrument, options), options.missing_codes, options.decimal_mark),
      header_(header_as_utf8(std::move(header), options.encoding)),
      binding_(bind_columns(instrument, header_, options.columns, file)),
      plain_(std::in_place, binding_, parser_, options.encoding) {
  if (encoding_ == TextEncoding::utf8) check_names_utf8(header_, binding_, file_);
}

void ResponseParser::read_texts(const Record& record, ResponseRow& row) {
  bool ascii = true;
  for (std::string_view text : row.texts) ascii = ascii && !has_non_ascii(text);
  if (ascii) return;
  const std::size_t ids = binding_.id_fields.size();
  auto field_of = [&](std::size_t t) { return t < ids ? binding_.id_fields[t] : binding_.keep_fields[t - ids]; };
  if (encoding_ == TextEncoding::utf8) {
    for (std::size_t t = 0; t < row.texts.size(); ++t) {
      if (invalid_utf8_at(row.texts[t]) == std::string_view::npos) continue;
      const std::size_t field = field_of(t);
      throw data_error(record.where(file_, field),
                       not_utf8(fmt::format("column {}:", show_text(header_[field])), row.texts[t]), kEncodingHint);
    }
    return;
  }
  // Every text into one buffer first (it may move while it grows), then the views.
  row.text_bytes.clear();
  std::vector<std::size_t> ends;
  for (std::string_view text : row.texts) {
    append_as_utf8(row.text_bytes, text, encoding_);
    ends.push_back(row.text_bytes.size());
  }
  std::size_t start = 0;
  for (std::size_t t = 0; t < row.texts.size(); ++t) {
    row.texts[t] = std::string_view(row.text_bytes).substr(start, ends[t] - start);
    start = ends[t];
  }
}

ResponseParser::~ResponseParser() = default;
ResponseParser::ResponseParser(const ResponseParser&) = default;
ResponseParser::ResponseParser(ResponseParser&&) noexcept = default;
ResponseParser& ResponseParser::operator=(const ResponseParser&) = default;
ResponseParser& ResponseParser::operator=(ResponseParser&&) noexcept = default;

void ResponseParser::parse(const Record& record, std::uint64_t number, ResponseRow& row) {
  if (record.size() != binding_.header_size) {
    throw data_error(record.where(file_, 0),
                     fmt::format("this row has {} fields but the header has {}", record.size(), binding_.header_size),
                     "a text field containing the delimiter must be quoted");
  }
  row.number = number;
  row.whole = false;   // not looked at here (Scorer::score_whole is an optimisation)
  row.coded = false;
  row.empty = record.blank();
  row.texts.clear();
  for (auto field : binding_.id_fields) row.texts.push_back(record.fields[field]);
  for (auto field : binding_.keep_fields) row.texts.push_back(record.fields[field]);
  read_texts(record, row);
  const std::size_t n_items = binding_.item_fields.size();
  row.items.resize(n_items);
  const std::size_t* item_fields = binding_.item_fields.data();
  const std::string_view* fields = record.fields.data();
  double* items = row.items.data();
  for (std::size_t j = 0; j < n_items; ++j) {
    std::size_t field = item_fields[j];
    double value;
    if (parser_.classify(fields[field], value) != CellStatus::invalid) {
      items[j] = value;
      continue;
    }
    // Invalid: only now is the message built.
    ParsedCell cell = parser_.parse(record.fields[field]);
    SourceLocation where = record.where(file_, field);
    std::string message = fmt::format("column {}: {}", show_text(header_[field]), cell.problem);
    if (policy_ == InvalidPolicy::error) {
      // A Qualtrics export whose ImportId row is missing reads its question-text row as data.
      bool qualtrics = number == 1 && std::find(header_.begin(), header_.end(), "ResponseId") != header_.end();
      throw data_error(where, message,
                       qualtrics ? "this looks like a Qualtrics export's question-text row: give --qualtrics to skip it"
                                 : parser_.hint_for(record.fields[field]));
    }
    if (invalid_.count++ == 0) invalid_.first = where.to_string() + ": " + message;
    ++invalid_.by_column[header_[field]];
    row.items[j] = cell.value;
  }
}

ResponseReader::ResponseReader(const Instrument& instrument, RecordSource& source, const ResponseOptions& options)
    : source_(source), parser_(instrument, read_header(source), options, source.name()),
      leave_out_empty_(leaves_out_empty_records(source, options)) {}

ResponseReader::ResponseReader(const Instrument& instrument, RecordSource& source, std::vector<std::string> header,
                               const ResponseOptions& options)
    : source_(source), parser_(instrument, std::move(header), options, source.name()),
      leave_out_empty_(leaves_out_empty_records(source, options)) {}

bool ResponseReader::next(ResponseRow& row) {
  if (PlainText* csv = source_.plain_text()) {
    std::string_view line = csv->peek_line();
    if (!line.empty() && parser_.parse_line(line, csv->delimiter(), rows_ + 1, row)) {
      csv->take_line(line);
      ++rows_;
      return true;
    }
  }
  for (;;) {   // the plain-line path takes no empty record (PlainLineParser)
    if (!source_.next(record_)) return false;
    parser_.parse(record_, ++rows_, row);
    if (!row.empty || !leave_out_empty_) return true;
    empty_.add(record_.line);
  }
}

ResponseReader::Read ResponseReader::next_codes(ResponseRow& row, const LikertCoding& coding, std::uint8_t* codes) {
  if (PlainText* csv = source_.plain_text()) {
    std::string_view line = csv->peek_line();
    if (!line.empty() && parser_.parse_line_codes(line, csv->delimiter(), rows_ + 1, coding, row, codes)) {
      csv->take_line(line);
      ++rows_;
      return Read::codes;
    }
  }
  return next(row) ? Read::values : Read::end;
}

std::string ResponseParser::invalid_cells_summary() const {
  if (invalid_.count == 0) return {};
  std::vector<std::string> per_column;
  for (const auto& [column, count] : invalid_.by_column) per_column.push_back(fmt::format("{} {}", column, count));
  return fmt::format("{} invalid cell(s) counted as missing (--invalid missing): {}; the first: {}", invalid_.count,
                     fmt::join(per_column, ", "), invalid_.first);
}

void InvalidCells::add_later(const InvalidCells& later) {
  if (count == 0) first = later.first;
  count += later.count;
  for (const auto& [column, n] : later.by_column) by_column[column] += n;
}

}  // namespace attune
