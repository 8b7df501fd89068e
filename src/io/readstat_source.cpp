#include "attune/io/readstat_source.h"

#include <readstat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <exception>
#include <iterator>
#include <limits>

#include <fmt/format.h>


namespace attune {

// What one ReadStat parse (one chunk) collects. ReadStat calls back into C, so nothing may
// throw through it: every callback catches and stores its exception, then aborts the parse.
struct ReadStatSource::Parse {
  ReadStatSource& source;
  bool first = false;                  // the first parse also collects the dictionary
  std::size_t case_limit = 1;          // cases per chunk, once the variable count is known
  std::size_t cases = 0;               // cases started in this chunk
  long last_obs = -1;
  bool chunk_full = false;             // aborted deliberately: more cases follow
  std::exception_ptr failure;          // thrown inside a callback
  std::string readstat_message;        // what ReadStat's error handler said
  std::vector<std::string> label_set_of_variable;
  // ReadStat 1.1.8 hands Stata label-set names straight from the file's fixed-width table,
  // unterminated when the file is malformed: read at most the table's entry width.
  std::size_t label_set_width = std::numeric_limits<std::size_t>::max();
  std::map<std::string, std::map<std::string, std::string>> label_sets;
  // Input: the file descriptor or the in-memory bytes, read with an explicit position.
  std::int64_t position = 0;
  int io_errno = 0;

  explicit Parse(ReadStatSource& s) : source(s) {}

  // Appends a whole number below `limit` in magnitude as its digits, which is what fmt's "{}"
  // writes for it (no exponent, no ".0"; checked for every whole number to 2e6 and at each power
  // of ten below 1e9); false for anything else (fractions, -0, larger values: fmt writes those).
  static bool append_whole(double number, double limit, std::string& out) {
    if (!(number > -limit && number < limit) || number != std::trunc(number) || (number == 0 && std::signbit(number)))
      return false;
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, static_cast<long long>(number)).ptr;
    out.append(digits, end);
    return true;
  }

  // Renders a value as cell text; false when it is missing (system, tagged or user-missing).
  static bool render(readstat_value_t value, readstat_variable_t* variable, std::string& out) {
    if (readstat_value_is_system_missing(value) || readstat_value_is_tagged_missing(value))
      return false;
    // (a variable with no missing ranges has no defined-missing value: ReadStat's check then loops over none)
    if (variable != nullptr && readstat_variable_get_missing_ranges_count(variable) > 0 &&
        readstat_value_is_defined_missing(value, variable))
      return false;
    auto sink = std::back_inserter(out);
    switch (readstat_value_type(value)) {
      case READSTAT_TYPE_STRING:
      case READSTAT_TYPE_STRING_REF: {
        const char* text = readstat_string_value(value);
        if (text != nullptr) out.append(text);
        return true;
      }
      case READSTAT_TYPE_INT8: fmt::format_to(sink, "{}", int{readstat_int8_value(value)}); break;
      case READSTAT_TYPE_INT16: fmt::format_to(sink, "{}", readstat_int16_value(value)); break;
      case READSTAT_TYPE_INT32: fmt::format_to(sink, "{}", readstat_int32_value(value)); break;
      case READSTAT_TYPE_FLOAT: {
        const float number = readstat_float_value(value);
        if (std::isnan(number)) return false;
        if (append_whole(number, 1e6, out)) break;   // a Likert answer: its digits, as fmt writes them
        fmt::format_to(sink, "{}", number);   // shortest form that round-trips the float
        break;
      }
      case READSTAT_TYPE_DOUBLE: {
        const double number = readstat_double_value(value);
        if (std::isnan(number)) return false;
        if (append_whole(number, 1e9, out)) break;   // a Likert answer: its digits, as fmt writes them
        fmt::format_to(sink, "{}", number);   // shortest form that round-trips the double
        break;
      }
    }
    return true;
  }

  template <typename Body>
  int guarded(Body body) {
    try {
      return body();
    } catch (...) {
      failure = std::current_exception();
      return READSTAT_HANDLER_ABORT;
    }
  }

  static Parse& of(void* ctx) { return *static_cast<Parse*>(ctx); }

  static int on_metadata(readstat_metadata_t* metadata, void* ctx) {
    Parse& p = of(ctx);
    return p.guarded([&] {
      const auto variables = static_cast<std::size_t>(
          std::max(0, readstat_get_var_count(metadata)));
      if (variables > p.source.limits_.max_variables)
        throw data_error({p.source.name_},
                         fmt::format("has {} variables, more than the limit of {}", variables,
                                     p.source.limits_.max_variables),
                         "keep only the variables needed for scoring");
      if (p.first) {
        p.source.declared_cases_ = readstat_get_row_count(metadata);
        p.source.row_compressed_ = readstat_get_compression(metadata) == READSTAT_COMPRESS_ROWS;
        p.source.binary_compressed_ = readstat_get_compression(metadata) == READSTAT_COMPRESS_BINARY;
        p.source.big_endian_ = readstat_get_endianness(metadata) == READSTAT_ENDIAN_BIG;
      }
      if (p.source.format_ == InputFormat::dta) {
        const int version = readstat_get_file_format_version(metadata);   // Stata's ds_format
        p.label_set_width = version < 110 ? 9 : version < 118 ? 33 : 129;
      }
      return READSTAT_HANDLER_OK;
    });
  }

  static int on_variable(int index, readstat_variable_t* variable, const char* label_set,
                         void* ctx) {
    Parse& p = of(ctx);
    return p.guarded([&] {
      const auto at = static_cast<std::size_t>(index);
      if (index < 0 || at >= p.source.limits_.max_variables)
        throw data_error({p.source.name_}, fmt::format("variable index {} is out of range", index),
                         "the file may be damaged; export it again");
      if (!p.first) {
        if (at >= p.source.variables_.size())
          throw data_error({p.source.name_}, "the file changed while it was being read",
                           "read it again once it is no longer being written");
        return READSTAT_HANDLER_OK;
      }
      auto& variables = p.source.variables_;
      if (variables.size() <= at) {
        variables.resize(at + 1);
        p.label_set_of_variable.resize(at + 1);
      }
      VariableInfo& info = variables[at];
      const char* name = readstat_variable_get_name(variable);
      const char* label = readstat_variable_get_label(variable);
      info.name = name ? name : "";
      info.label = label ? label : "";
      info.numeric = readstat_variable_get_type_class(variable) == READSTAT_TYPE_CLASS_NUMERIC;
      if (info.numeric) {
        const int ranges = readstat_variable_get_missing_ranges_count(variable);
        for (int i = 0; i < ranges; ++i)
          info.user_missing.emplace_back(
              readstat_double_value(readstat_variable_get_missing_range_lo(variable, i)),
              readstat_double_value(readstat_variable_get_missing_range_hi(variable, i)));
      }
      if (label_set != nullptr)
        p.label_set_of_variable[at].assign(label_set, ::strnlen(label_set, p.label_set_width));
      return READSTAT_HANDLER_OK;
    });
  }

  static int on_value_label(const char* label_set, readstat_value_t value, const char* label,
                            void* ctx) {
    Parse& p = of(ctx);
    return p.guarded([&] {
      if (!p.first || label_set == nullptr) return READSTAT_HANDLER_OK;
      std::string key;
      if (render(value, nullptr, key)) p.label_sets[label_set][key] = label ? label : "";
      return READSTAT_HANDLER_OK;
    });
  }

  static int on_value(int obs, readstat_variable_t* variable, readstat_value_t value, void* ctx) {
    Parse& p = of(ctx);
    return p.guarded([&] {
      ReadStatSource& s = p.source;
      const std::size_t width = s.variables_.size();
      const int index = readstat_variable_get_index(variable);
      if (index < 0 || static_cast<std::size_t>(index) >= width)
        throw data_error({s.name_}, fmt::format("a value of unknown variable {}", index),
                         "the file may be damaged; export it again");
      if (p.cases == 0 || obs != p.last_obs) {   // the first value of a new case
        if (p.cases > 0 && (p.cases >= p.case_limit || s.text_.size() >= s.limits_.chunk_bytes)) {
          p.chunk_full = true;
          return READSTAT_HANDLER_ABORT;
        }
        ++p.cases;
        p.last_obs = obs;
        s.cells_.resize(p.cases * width, {0, 0});
      }
      const std::size_t begin = s.text_.size();
      if (!render(value, variable, s.text_)) return READSTAT_HANDLER_OK;
      const std::size_t size = s.text_.size() - begin;
      if (size > std::numeric_limits<std::uint32_t>::max())
        throw data_error({s.name_}, fmt::format("a value of {} is longer than 4 GiB",
                                                s.variables_[index].name));
      s.cells_[(p.cases - 1) * width + static_cast<std::size_t>(index)] = {
          begin, static_cast<std::uint32_t>(size)};
      return READSTAT_HANDLER_OK;
    });
  }

  static void on_error(const char* message, void* ctx) {
    Parse& p = of(ctx);
    if (message == nullptr || p.readstat_message.size() > 400) return;
    if (!p.readstat_message.empty()) p.readstat_message += "; ";
    std::string_view text(message);
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.remove_suffix(1);
    p.readstat_message += text;
  }

  // Input handlers: ReadStat opens, seeks and reads through these (the file or the bytes).
  static int io_open(const char*, void* ctx) {
    Parse& p = of(ctx);
    p.position = 0;
    return p.source.memory_.empty() && p.source.fd_ >= 0 ? p.source.fd_ : 0;
  }
  static int io_close(void*) { return 0; }
  static readstat_off_t io_seek(readstat_off_t offset, readstat_io_flags_t whence, void* ctx) {
    Parse& p = of(ctx);
    std::int64_t base = 0;
    if (whence == READSTAT_SEEK_CUR) base = p.position;
    if (whence == READSTAT_SEEK_END) base = static_cast<std::int64_t>(p.source.total_bytes_);
    std::int64_t target = 0;
    if (__builtin_add_overflow(base, static_cast<std::int64_t>(offset), &target) || target < 0)
      return -1;
    p.position = target;
    return static_cast<readstat_off_t>(target);
  }
  static ssize_t io_read(void* buffer, size_t bytes, void* ctx) {
    Parse& p = of(ctx);
    const auto size = static_cast<std::int64_t>(p.source.total_bytes_);
    const std::int64_t available = std::max<std::int64_t>(0, size - p.position);
    std::size_t wanted = std::min<std::size_t>(bytes, static_cast<std::size_t>(available));
    if (!p.source.memory_.empty() || p.source.fd_ < 0) {
      if (wanted > 0)
        std::memcpy(buffer, p.source.memory_.data() + p.position, wanted);
      p.position += static_cast<std::int64_t>(wanted);
      return static_cast<ssize_t>(wanted);
    }
    std::size_t done = 0;
    while (done < bytes) {
      const ssize_t got = ::pread(p.source.fd_, static_cast<char*>(buffer) + done, bytes - done,
                                  static_cast<off_t>(p.position));
      if (got < 0 && errno == EINTR) continue;
      if (got < 0) {
        p.io_errno = errno;
        return -1;
      }
      if (got == 0) break;
      done += static_cast<std::size_t>(got);
      p.position += got;
    }
    return static_cast<ssize_t>(done);
  }
  static readstat_error_t io_update(long, readstat_progress_handler, void*, void*) {
    return READSTAT_OK;
  }
};

void ReadStatSource::read_chunk() {
  Parse parse(*this);
  parse.first = !dictionary_read_;
  if (dictionary_read_)
    parse.case_limit = std::max<std::size_t>(1, limits_.chunk_cells / variables_.size());
  text_.clear();
  cells_.clear();
  chunk_cases_ = chunk_pos_ = 0;
  more_cases_ = false;

  std::unique_ptr<readstat_parser_t, void (*)(readstat_parser_t*)> parser(readstat_parser_init(),
                                                                         readstat_parser_free);
  if (!parser) throw std::bad_alloc();
  readstat_parser_t* ps = parser.get();
  readstat_set_metadata_handler(ps, &Parse::on_metadata);
  readstat_set_variable_handler(ps, &Parse::on_variable);
  readstat_set_value_label_handler(ps, &Parse::on_value_label);
  readstat_set_error_handler(ps, &Parse::on_error);
  // The first parse reads only the dictionary: its width sets the chunk size.
  if (dictionary_read_) readstat_set_value_handler(ps, &Parse::on_value);
  readstat_set_open_handler(ps, &Parse::io_open);
  readstat_set_close_handler(ps, &Parse::io_close);
  readstat_set_seek_handler(ps, &Parse::io_seek);
  readstat_set_read_handler(ps, &Parse::io_read);
  readstat_set_update_handler(ps, &Parse::io_update);
  readstat_set_io_ctx(ps, &parse);
  if (cases_done_ > 0) readstat_set_row_offset(ps, static_cast<long>(cases_done_));

  readstat_error_t status = READSTAT_OK;
  switch (format_) {
    case InputFormat::sav:
    case InputFormat::zsav: status = readstat_parse_sav(ps, name_.c_str(), &parse); break;
    case InputFormat::dta: status = readstat_parse_dta(ps, name_.c_str(), &parse); break;
    case InputFormat::sas7bdat: status = readstat_parse_sas7bdat(ps, name_.c_str(), &parse); break;
    case InputFormat::csv: break;
  }
  if (parse.failure) std::rethrow_exception(parse.failure);
  if (parse.io_errno != 0)
    throw io_error({name_}, fmt::format("read failed: {}", std::strerror(parse.io_errno)));
  if (status != READSTAT_OK && !(status == READSTAT_ERROR_USER_ABORT && parse.chunk_full))
    fail(status, parse.readstat_message);

  if (!dictionary_read_) {
    for (std::size_t i = 0; i < variables_.size(); ++i) {
      if (variables_[i].name.empty())
        throw data_error({name_}, fmt::format("variable {} has no name", i + 1),
                         "the file may be damaged; export it again");
      auto set = parse.label_sets.find(parse.label_set_of_variable[i]);
      if (set != parse.label_sets.end()) variables_[i].value_labels = set->second;
    }
    if (variables_.empty())
      throw data_error({name_}, "has no variables", "export the data set with its variables");
    data_start_ = static_cast<std::uint64_t>(parse.position);   // .sav: the dictionary ends there
    dictionary_read_ = true;
    read_chunk();   // now the cases, in chunks sized by the dictionary's width
    return;
  }
  chunk_cases_ = parse.cases;
  more_cases_ = parse.chunk_full;
  if (!more_cases_) check_whole(cases_done_ + chunk_cases_);
  // A damaged file can make ReadStat hand out cases chunk after chunk without end (row offsets
  // it does not honour). Every case takes at least one byte of the file, and no more cases
  // than the header declares (when it declares a count): stop there rather than read forever.
  const std::uint64_t total = cases_done_ + chunk_cases_;
  const bool past_declared = declared_cases_ > 0 && total > static_cast<std::uint64_t>(declared_cases_);
  const bool past_size = total_bytes_ > 0 && total > total_bytes_;
  if (past_declared || past_size || (more_cases_ && chunk_cases_ == 0)) {
    throw data_error({name_}, fmt::format("yields more cases ({}) than its {} can hold; the file is damaged", total,
                                          past_declared ? "header declares" : "size"),
                     "export it again from the program that made it");
  }
}

bool ReadStatSource::rewind() {
  if (!header_sent_) return false;
  records_ = 1;
  if (cases_done_ == 0) {
    chunk_pos_ = 0;
  } else {
    cases_done_ = 0;
    read_chunk();
  }
  return true;
}

bool ReadStatSource::next(Record& record) {
  record.fields.clear();
  if (!header_sent_) {
    header_sent_ = true;
    for (const VariableInfo& variable : variables_) record.fields.emplace_back(variable.name);
  } else {
    if (chunk_pos_ == chunk_cases_) {
      if (!more_cases_) return false;
      cases_done_ += chunk_cases_;
      read_chunk();
      if (chunk_cases_ == 0) return false;
    }
    const std::size_t width = variables_.size();
    const auto* cell = cells_.data() + chunk_pos_ * width;
    for (std::size_t i = 0; i < width; ++i)
      record.fields.emplace_back(text_.data() + cell[i].first, cell[i].second);
    ++chunk_pos_;
  }
  ++records_;
  // Binary files have no lines: a record's "line" is its number (the header is 1), the line
  // the same case would have in a CSV export; columns are unknown (0).
  record.number = record.line = records_;
  record.lines.assign(record.fields.size(), records_);
  record.columns.assign(record.fields.size(), 0);
  return true;
}

}  // namespace attune
