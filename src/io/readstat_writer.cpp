// SPSS .sav and Stata .dta output through ReadStat's writer (make_readstat in writers.h).
// ReadStat needs the row count and each string's width before the first row, so the rows are
// held until finish(); the bytes go to the sink (for -o, the atomic file) through a callback.
#include <algorithm>
#include <cctype>
#include <set>
#include <string_view>
#include <cmath>
#include <exception>
#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <readstat.h>

#include "attune/util/error.h"
#include "attune/util/text.h"
#include "writers.h"

namespace attune::writers {

namespace {

// Stata's longest fixed-width string (dta 117+); SPSS's longest string variable.
constexpr std::size_t kStataStringMax = 2045;
constexpr std::size_t kSpssStringMax = 32767;

// A number in a text column, as csv writes it.
std::string number_text(double value) {
  std::string text;
  append_number(text, value);
  return text;
}

// Words SPSS and Stata keep for themselves (compared ignoring case).
constexpr std::string_view kReservedNames[] = {"all", "and", "by", "eq", "ge", "gt", "le", "lt", "ne", "not", "or",
                                               "to", "with", "byte", "double", "float", "if", "in", "int", "long",
                                               "using", "strl"};

// Whether both formats take `name` as it is: an ASCII letter, then ASCII letters, digits and _,
// at most `most` bytes, and no reserved word ("str" and digits is Stata's too).
bool plain_name(const std::string& name, std::size_t most) {
  if (name.empty() || name.size() > most || !std::isalpha(static_cast<unsigned char>(name.front()))) return false;
  std::string lower;
  for (char c : name) {
    if (static_cast<unsigned char>(c) >= 0x80 || !(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
    lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  for (std::string_view word : kReservedNames) if (lower == word) return false;
  return !(lower.starts_with("str") && lower.size() > 3 && std::all_of(lower.begin() + 3, lower.end(), ::isdigit));
}

struct HeldCell {
  Cell::Kind kind = Cell::Kind::missing;
  double number = 0;
  std::string text;
};

class ReadstatWriter : public RecordWriter {
 public:
  ReadstatWriter(OutputSink& sink, bool stata, NumberStyle numbers) : sink_(sink), stata_(stata), numbers_(numbers) {}

  void begin(const std::vector<Column>& columns) override { columns_ = columns; }

  std::vector<std::string> notes() const override { return notes_; }

  void write_row(std::span<const Cell> cells) override {
    std::vector<HeldCell> row(cells.size());
    for (std::size_t i = 0; i < cells.size(); ++i) {
      row[i].kind = cells[i].kind;
      if (cells[i].kind == Cell::Kind::number) row[i].number = round_to_digits(cells[i].number, numbers_.digits);
      if (cells[i].kind == Cell::Kind::text) row[i].text = cells[i].text;
    }
    rows_.push_back(std::move(row));
  }

  void finish() override {
    readstat_writer_t* writer = readstat_writer_init();
    try {
      write_file(writer);
    } catch (...) {
      readstat_writer_free(writer);
      throw;
    }
    readstat_writer_free(writer);
  }

 private:
  // How one column is stored.
  struct Layout {
    enum class Kind { number, text, coded } kind = Kind::number;
    std::size_t width = 1;                    // text: the longest text's bytes
    std::map<std::string, double> codes;      // coded: text -> code
    std::vector<ValueLabel> labels;           // coded: every code's label, the column's first
  };

  std::vector<Layout> lay_out() const {
    std::vector<Layout> layouts(columns_.size());
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      Layout& layout = layouts[c];
      const Column& column = columns_[c];
      if (!column.value_labels.empty()) {
        layout.kind = Layout::Kind::coded;
        layout.labels = column.value_labels;
        for (const auto& value : column.value_labels) layout.codes.emplace(value.label, value.code);
      } else if (!column.numeric) {
        layout.kind = Layout::Kind::text;
      }
      double next_code = 0;
      for (const auto& value : layout.labels) next_code = std::max(next_code, value.code);
      for (const auto& row : rows_) {
        if (row[c].kind == Cell::Kind::text && layout.kind == Layout::Kind::number) layout.kind = Layout::Kind::text;
      }
      for (const auto& row : rows_) {
        const HeldCell& cell = row[c];
        if (cell.kind == Cell::Kind::number && layout.kind == Layout::Kind::text) {
          layout.width = std::max(layout.width, number_text(cell.number).size());
        }
        if (cell.kind != Cell::Kind::text) continue;
        layout.width = std::max(layout.width, cell.text.size());
        // A text beyond the labelled ones (a tie, "unclassified") gets the next code, labelled
        // with itself: nothing is lost.
        if (layout.kind == Layout::Kind::coded && !layout.codes.contains(cell.text)) {
          layout.codes.emplace(cell.text, ++next_code);
          layout.labels.push_back({next_code, cell.text});
        }
      }
      const std::size_t most = stata_ ? kStataStringMax : kSpssStringMax;
      if (layout.kind == Layout::Kind::text && layout.width > most) {
        throw data_error({sink_.name()}, fmt::format("column {} holds a text of {} bytes; a {} string holds at most {}",
                                                     show_text(column.name), layout.width, stata_ ? "Stata" : "SPSS", most),
                         "write csv instead with -f csv, or leave the column out");
      }
    }
    return layouts;
  }

  // The columns' names as the format takes them: a name it may refuse (a header such as
  // "Duration (in seconds)", "ecr-r_anxiety" of two instruments, a reserved word) becomes
  // ASCII letters, digits and _ with a letter first, short enough and unlike the others; each
  // renaming is noted.
  std::vector<std::string> variable_names() {
    const std::size_t most = stata_ ? 32 : 64;
    std::vector<std::string> names;
    std::set<std::string> taken;
    for (const auto& column : columns_) {
      names.push_back(column.name);
      if (plain_name(column.name, most)) taken.insert(column.name);
    }
    for (std::size_t c = 0; c < names.size(); ++c) {
      if (plain_name(names[c], most)) continue;
      std::string name;
      for (char ch : names[c]) {
        const auto byte = static_cast<unsigned char>(ch);
        name += byte < 0x80 && std::isalnum(byte) ? ch : '_';
      }
      if (name.empty() || !std::isalpha(static_cast<unsigned char>(name.front()))) name.insert(0, "v");
      name.resize(std::min(name.size(), most - 5));
      if (!plain_name(name, most)) name += '_';   // a reserved word
      std::string unique = name;
      for (int n = 2; taken.contains(unique); ++n) unique = fmt::format("{}_{}", name, n);
      taken.insert(unique);
      notes_.push_back(fmt::format("column {} is {} in the {} file: {} names take letters, digits and _",
                                   show_text(names[c]), unique, stata_ ? ".dta" : ".sav", stata_ ? "Stata" : "SPSS"));
      names[c] = unique;
    }
    return names;
  }

  void write_file(readstat_writer_t* writer) {
    const std::vector<Layout> layouts = lay_out();
    const std::vector<std::string> names = variable_names();
    readstat_set_data_writer(writer, &ReadstatWriter::write_bytes);
    std::vector<readstat_variable_t*> variables;
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      const Layout& layout = layouts[c];
      const Column& column = columns_[c];
      const char* name = names[c].c_str();
      readstat_variable_t* variable = nullptr;
      if (layout.kind == Layout::Kind::text) {
        variable = readstat_add_variable(writer, name, READSTAT_TYPE_STRING, layout.width);
      } else if (layout.kind == Layout::Kind::coded) {
        variable = readstat_add_variable(writer, name, READSTAT_TYPE_INT32, 0);
        readstat_label_set_t* set = readstat_add_label_set(writer, READSTAT_TYPE_INT32, name);
        for (const auto& value : layout.labels) {
          readstat_label_int32_value(set, static_cast<std::int32_t>(value.code), value.label.c_str());
        }
        readstat_variable_set_label_set(variable, set);
        readstat_variable_set_measure(variable, READSTAT_MEASURE_NOMINAL);
      } else {
        variable = readstat_add_variable(writer, name, READSTAT_TYPE_DOUBLE, 0);
        readstat_variable_set_measure(variable, READSTAT_MEASURE_SCALE);
      }
      if (!column.label.empty()) readstat_variable_set_label(variable, column.label.c_str());
      variables.push_back(variable);
    }
    const long count = static_cast<long>(rows_.size());
    check(writer, stata_ ? readstat_begin_writing_dta(writer, this, count) : readstat_begin_writing_sav(writer, this, count),
          variables);
    for (const auto& row : rows_) {
      check(writer, readstat_begin_row(writer), variables);
      for (std::size_t c = 0; c < row.size(); ++c) check(writer, insert(writer, variables[c], layouts[c], row[c]), variables);
      check(writer, readstat_end_row(writer), variables);
    }
    check(writer, readstat_end_writing(writer), variables);
    rows_.clear();
  }

  static readstat_error_t insert(readstat_writer_t* writer, readstat_variable_t* variable, const Layout& layout,
                                 const HeldCell& cell) {
    switch (layout.kind) {
      case Layout::Kind::text:
        if (cell.kind == Cell::Kind::number) return readstat_insert_string_value(writer, variable, number_text(cell.number).c_str());
        return readstat_insert_string_value(writer, variable, cell.kind == Cell::Kind::text ? cell.text.c_str() : "");
      case Layout::Kind::coded:
        if (cell.kind != Cell::Kind::text) return readstat_insert_missing_value(writer, variable);
        return readstat_insert_int32_value(writer, variable, static_cast<std::int32_t>(layout.codes.at(cell.text)));
      case Layout::Kind::number:
        if (cell.kind != Cell::Kind::number || !std::isfinite(cell.number)) return readstat_insert_missing_value(writer, variable);
        return readstat_insert_double_value(writer, variable, cell.number);
    }
    return READSTAT_OK;
  }

  // Throws what the sink threw, or an Error naming ReadStat's complaint (and the column whose
  // name or label the format refuses, when one is).
  void check(readstat_writer_t* writer, readstat_error_t status, const std::vector<readstat_variable_t*>& variables) {
    if (failure_) std::rethrow_exception(failure_);
    if (status == READSTAT_OK) return;
    const char* format = stata_ ? "a Stata .dta" : "an SPSS .sav";
    for (std::size_t c = 0; c < variables.size(); ++c) {
      readstat_error_t refused = readstat_validate_variable(writer, variables[c]);
      if (refused == READSTAT_OK) continue;
      throw data_error({sink_.name()}, fmt::format("column {} cannot be written to {} file: {}", show_text(columns_[c].name),
                                                   format, readstat_error_message(refused)),
                       "rename the column, or write csv");
    }
    throw io_error({sink_.name()}, fmt::format("cannot write {} file: {}", format, readstat_error_message(status)));
  }

  // ReadStat's data writer: hands the bytes to the sink. An exception must not cross ReadStat's
  // C frames, so it is kept and rethrown by check().
  static ssize_t write_bytes(const void* data, size_t length, void* context) {
    auto* self = static_cast<ReadstatWriter*>(context);
    try {
      self->sink_.write(std::string_view(static_cast<const char*>(data), length));
      return static_cast<ssize_t>(length);
    } catch (...) {
      self->failure_ = std::current_exception();
      return -1;
    }
  }

  OutputSink& sink_;
  bool stata_;
  NumberStyle numbers_;
  std::vector<Column> columns_;
  std::vector<std::vector<HeldCell>> rows_;
  std::exception_ptr failure_;
  std::vector<std::string> notes_;
};

}  // namespace

std::unique_ptr<RecordWriter> make_readstat(OutputSink& sink, bool stata, NumberStyle numbers) {
  return std::make_unique<ReadstatWriter>(sink, stata, numbers);
}

}  // namespace attune::writers
