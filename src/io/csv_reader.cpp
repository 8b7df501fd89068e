#include "attune/io/csv_reader.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "attune/util/text.h"
#include "csv_block_bytes.h"

namespace attune {

namespace {
// The read buffer for record-by-record reading. 128 KiB rather than 1 MiB: `score --threads 1`
// at 1M rows was about 0-4% faster by the median (PERF-NOTES, tenth round: 0.2-4.3% in ten
// rounds run with the 1 MiB build first, 0-1% in two undisturbed rounds the other way round);
// perhaps because what read() copied in is still in L2 when it is parsed (not measured here).
constexpr std::size_t kReadBytes = 128u << 10;
}

bool Record::blank() const {
  return std::all_of(fields.begin(), fields.end(), [](std::string_view f) { return trim(f).empty(); });
}

SourceLocation Record::where(const std::string& file, std::size_t i) const {
  if (i < lines.size()) return {file, lines[i], columns[i]};
  return {file, line, 0};
}

CsvReader::CsvReader(Named, std::string name, CsvOptions options) : name_(std::move(name)), options_(options) {}

CsvReader::CsvReader(const std::string& path, CsvOptions options)
    : CsvReader(Named{}, path == "-" ? "<stdin>" : path, options) {
  if (path == "-") {
    fd_ = 0;
  } else {
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) {
      throw io_error({path}, fmt::format("cannot open: {}", std::strerror(errno)),
                     "check the path, or give - to read standard input");
    }
  }
  struct stat info {};
  if (::fstat(fd_, &info) == 0) {
    if (S_ISDIR(info.st_mode)) {
      if (fd_ > 0) ::close(fd_);
      fd_ = -1;
      throw io_error({name_}, "is a directory", "give a CSV file, or - to read standard input");
    }
    if (S_ISREG(info.st_mode)) total_ = static_cast<std::uint64_t>(info.st_size);
  }
  buffer_.resize(kReadBytes + 1);   // one byte more for the sentinel
  buffer_[end_] = '\n';
}

CsvReader::CsvReader(int fd, std::string name, std::string_view head, std::uint64_t size, CsvOptions options)
    : CsvReader(Named{}, std::move(name), options) {
  fd_ = fd;
  total_ = size;
  buffer_.resize(std::max(kReadBytes, head.size()) + 1);   // one byte more for the sentinel
  std::memcpy(buffer_.data(), head.data(), head.size());
  end_ = head.size();
  consumed_ = head.size();
  buffer_[end_] = '\n';
}

std::unique_ptr<CsvReader> CsvReader::from_string(std::string text, std::string name, CsvOptions options) {
  std::unique_ptr<CsvReader> reader(new CsvReader(Named{}, std::move(name), options));
  reader->buffer_ = std::move(text);
  reader->end_ = reader->buffer_.size();
  reader->buffer_.push_back('\n');   // the sentinel
  reader->total_ = reader->consumed_ = reader->end_;
  reader->eof_ = true;
  return reader;
}

CsvReader::~CsvReader() {
  if (fd_ > 0) ::close(fd_);
}

void CsvReader::fail(std::size_t at, std::string message, std::string hint) const {
  // Recount the line of `at` from the current record's start (errors only: cost is no issue).
  std::uint64_t line = line_;
  std::size_t line_start = line_start_;
  for (std::size_t i = pos_; i < at && i < end_; ++i) {
    if (buffer_[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  throw data_error({name_, line, at - line_start + 1}, std::move(message), std::move(hint));
}

bool CsvReader::fill() {
  if (fd_ < 0 || eof_) {
    eof_ = true;
    return false;
  }
  if (pos_ > 0) {
    std::memmove(buffer_.data(), buffer_.data() + pos_, end_ - pos_);
    end_ -= pos_;
    buffer_[end_] = '\n';
    line_start_ = line_start_ >= pos_ ? line_start_ - pos_ : 0;
    pos_ = 0;
  }
  std::size_t room = buffer_.size() - 1;   // the last byte is the sentinel's
  if (end_ == room) {
    std::size_t limit = 2 * options_.limits.max_field_bytes + kBlockBytes;
    if (room >= limit) {
      throw data_error({name_, line_, 0},
                       fmt::format("a record longer than {} bytes", room),
                       fmt::format("fields are limited to {} bytes; is this a CSV file?",
                                   options_.limits.max_field_bytes));
    }
    room = std::min(limit, room * 2);
    buffer_.resize(room + 1);
  }
  // Read at least as many new bytes as are pending (or to the end of the buffer or input): a
  // record longer than one read (a pipe gives 64 KiB at a time) is then re-parsed O(log n)
  // times, not once per read, which made a 64 MiB field take minutes.
  const std::size_t want = std::max<std::size_t>(end_, 1);
  std::size_t got = 0;
  while (got < want && end_ < room) {
    ssize_t n;
    do {
      n = ::read(fd_, buffer_.data() + end_, room - end_);
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
      throw io_error({name_}, fmt::format("cannot read: {}", std::strerror(errno)), "give a readable CSV file");
    }
    if (n == 0) {
      eof_ = true;
      break;
    }
    end_ += static_cast<std::size_t>(n);
    consumed_ += static_cast<std::uint64_t>(n);
    got += static_cast<std::size_t>(n);
  }
  buffer_[end_] = '\n';   // the sentinel the quote-free fast path stops at
  return got > 0;
}

void CsvReader::detect_delimiter() {
  // Make sure the first line is whole (or the input ends), then count candidates outside quotes.
  // A line ends at LF, or at a CR not followed by LF (old Mac files): then every line does,
  // and peek_line (which looks for an LF) stands aside.
  for (;;) {
    bool quoted = false, complete = false;
    for (std::size_t i = pos_; i < end_; ++i) {
      if (buffer_[i] == '"') quoted = !quoted;
      if (quoted) continue;
      if (buffer_[i] == '\n') {
        complete = true;
        break;
      }
      if (buffer_[i] == '\r' && (i + 1 < end_ || eof_)) {
        complete = true;
        cr_lines_ = i + 1 == end_ || buffer_[i + 1] != '\n';
        break;
      }
    }
    if (complete || !fill()) break;
  }
  if (options_.delimiter == 0) {
    std::size_t commas = 0, semicolons = 0, tabs = 0;
    bool quoted = false;
    for (std::size_t i = pos_; i < end_ && (quoted || (buffer_[i] != '\n' && buffer_[i] != '\r')); ++i) {
      char c = buffer_[i];
      if (c == '"') quoted = !quoted;
      if (quoted) continue;
      commas += c == ',';
      semicolons += c == ';';
      tabs += c == '\t';
    }
    char detected = ',';
    if (semicolons > commas && semicolons >= tabs) detected = ';';
    if (tabs > commas && tabs > semicolons) detected = '\t';
    use_delimiter(detected);
  } else {
    use_delimiter(options_.delimiter);
  }
}

void CsvReader::use_delimiter(char delimiter) {
  delimiter_ = delimiter;
  for (char c : {delimiter_, '\n', '\r', '"'}) special_[static_cast<unsigned char>(c)] = true;
}

// The common record: whole in the buffer, no quotes. Writes the fields straight into `record`
// (whose vectors keep their size between records) and stops at the first byte that needs the
// general path; false then, and parse_record starts the record again.
bool CsvReader::parse_simple_record(Record& record) {
  const char* b = buffer_.data();
  const bool* special = special_;
  const char delimiter = delimiter_;
  const std::size_t line_start = line_start_;
  const std::uint64_t line = line_;
  const std::size_t end = end_, max_columns = options_.limits.max_columns;
  std::size_t p = pos_, n = 0;
  // Locals, and local views of the record's vectors (kept at their size between records), so that stores
  // into them do not make the compiler reload everything.
  std::string_view* fields = record.fields.data();
  std::uint32_t* columns = record.columns.data();
  std::uint64_t* lines = record.lines.data();
  std::size_t room = record.fields.size();
  for (;;) {
    const std::size_t start = p;
    while (!special[static_cast<unsigned char>(b[p])]) ++p;   // the sentinel stops it at end_
    const char c = b[p];
    if (c == '"' || p == end) return false;
    if (n == room) {
      if (n >= max_columns) return false;
      room = std::max<std::size_t>(16, 2 * n);
      record.fields.resize(room);
      record.columns.resize(room);
      record.lines.resize(room);
      fields = record.fields.data();
      columns = record.columns.data();
      lines = record.lines.data();
    }
    fields[n] = std::string_view(b + start, p - start);
    columns[n] = static_cast<std::uint32_t>(start - line_start + 1);   // checked below
    lines[n] = line;
    ++n;
    ++p;
    if (c == delimiter) continue;
    if (c == '\r') {
      if (p == end) return false;
      if (b[p] == '\n') ++p;
    }
    break;
  }
  // Limits, for the record as a whole (no field is longer than its record): past them, the
  // general parser says which.
  if (n > max_columns || p - pos_ > options_.limits.max_field_bytes || p - line_start > UINT32_MAX) {
    return false;
  }
  record.fields.resize(n);
  record.columns.resize(n);
  record.lines.resize(n);
  record.line = line;
  pos_ = p;
  line_ = line + 1;
  line_start_ = p;
  return true;
}

CsvReader::Parse CsvReader::parse_record(Record& record) {
  if (parse_simple_record(record)) return Parse::done;
  record.fields.clear();
  record.columns.clear();
  record.lines.clear();
  scratch_.clear();
  spans_.clear();
  const char* b = buffer_.data();
  std::size_t p = pos_, line_start = line_start_;
  std::uint64_t line = line_;
  record.line = line;
  for (;;) {
    if (record.lines.size() >= options_.limits.max_columns) {
      fail(p, fmt::format("more than {} columns", options_.limits.max_columns), "is this a CSV file?");
    }
    record.lines.push_back(line);
    record.columns.push_back(static_cast<std::uint32_t>(std::min<std::size_t>(p - line_start + 1, UINT32_MAX)));
    std::size_t start = p;
    if (p < end_ && b[p] == '"') {
      std::size_t segment = ++p;
      const std::size_t scratch_from = scratch_.size();   // where this field's unescaped text starts
      bool escaped = false;
      for (;;) {
        const void* q = std::memchr(b + p, '"', end_ - p);
        std::size_t close = q ? static_cast<std::size_t>(static_cast<const char*>(q) - b) : end_;
        for (std::size_t i = p; i < close; ++i) {
          if (b[i] == '\n') {
            ++line;
            line_start = i + 1;
          }
        }
        if (!q) {
          if (!eof_) return Parse::need_more;
          fail(start, "unterminated quoted field", "close the quote; a quote inside a quoted field is written twice: \"\"");
        }
        p = close + 1;
        if (p == end_ && !eof_) return Parse::need_more;
        if (p < end_ && b[p] == '"') {   // "" is one quote
          scratch_.append(b + segment, p - segment);
          segment = ++p;
          escaped = true;
          continue;
        }
        if (escaped) {
          scratch_.append(b + segment, close - segment);
          spans_.push_back({scratch_from, scratch_.size() - scratch_from, true});
        } else {
          spans_.push_back({start + 1, close - start - 1, false});
        }
        break;
      }
      if (p < end_ && b[p] != delimiter_ && b[p] != '\n' && b[p] != '\r') {
        fail(p, "unexpected text after a closing quote", "quote the whole field and write inner quotes twice: \"\"");
      }
    } else {
      while (p < end_ && !special_[static_cast<unsigned char>(b[p])]) ++p;
      if (p < end_ && b[p] == '"') {
        fail(p, "a quote inside an unquoted field", "quote the whole field and write inner quotes twice: \"\"");
      }
      if (p == end_ && !eof_) return Parse::need_more;
      spans_.push_back({start, p - start, false});
    }
    if (spans_.back().length > options_.limits.max_field_bytes) {
      fail(start, fmt::format("a field longer than {} bytes", options_.limits.max_field_bytes),
           "is this a CSV file?");
    }
    if (p == end_) break;
    char c = b[p];
    if (c == delimiter_) {
      ++p;
      if (p == end_ && !eof_) return Parse::need_more;
      continue;
    }
    ++p;
    if (c == '\r') {
      if (p == end_ && !eof_) return Parse::need_more;
      if (p < end_ && b[p] == '\n') ++p;
    }
    ++line;
    line_start = p;
    break;
  }
  // Views are made only now: neither buffer moves any more for this record.
  for (const FieldSpan& span : spans_) {
    record.fields.emplace_back((span.in_scratch ? scratch_.data() : b) + span.offset, span.length);
  }
  pos_ = p;
  line_ = line;
  line_start_ = line_start;
  return Parse::done;
}

std::string_view CsvReader::peek_line() const {
  if (delimiter_ == 0 || cr_lines_ || pos_ >= end_ || buffer_[pos_] == '\n' || options_.limits.max_columns == 0)
    return {};
  // A line shorter than `most` has fewer fields than the column limit, and its fields and
  // columns are within the field limit and 32 bits.
  const std::size_t most = std::min<std::size_t>({end_ - pos_, options_.limits.max_field_bytes,
                                                  options_.limits.max_columns - 1, UINT32_MAX});
  const void* lf = std::memchr(buffer_.data() + pos_, '\n', most);
  if (lf == nullptr) return {};
  return {buffer_.data() + pos_, static_cast<std::size_t>(static_cast<const char*>(lf) - buffer_.data()) - pos_ + 1};
}

std::uint64_t CsvReader::take_line(std::string_view line) {
  pos_ += line.size();
  line_start_ = pos_;
  ++records_;
  return line_++;
}

bool CsvReader::next(Record& record) {
  if (delimiter_ == 0) {
    while (end_ - pos_ < 3 && fill()) {
    }
    if (end_ - pos_ >= 3 && std::memcmp(buffer_.data() + pos_, "\xEF\xBB\xBF", 3) == 0) {
      if (options_.encoding != TextEncoding::utf8) {
        const char* named = options_.encoding == TextEncoding::latin1 ? "latin1" : "cp1252";
        throw Error(ErrorKind::usage, {name_, 1, 1},
                    fmt::format("the file starts with a UTF-8 byte order mark, which says its text is UTF-8, but "
                                "--encoding {} would read every accented letter as two wrong ones",
                                named),
                    "leave --encoding out: UTF-8 is the default");
      }
      pos_ += 3;
      line_start_ = pos_;
    }
    detect_delimiter();
  }
  for (;;) {
    if (pos_ == end_ && !fill()) return false;
    std::size_t start = pos_;
    if (parse_record(record) == Parse::need_more) {
      fill();
      continue;
    }
    bool blank = record.fields.size() == 1 && record.fields[0].empty() && buffer_[start] != '"';
    if (blank) continue;   // blank lines carry no respondent (as R's read.csv and pandas)
    record.number = ++records_;
    if (records_ == 1) remember_first_record();
    return true;
  }
}

}  // namespace attune
