#include "attune/io/open_input.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include <fmt/format.h>

#include "attune/io/input_format.h"

namespace attune {

namespace {

// Bytes sniffed before choosing a reader: enough for every magic number (SAS's is 32).
constexpr std::size_t kSniffBytes = 32;

// Closes a descriptor it owns unless released (standard input's 0 is never owned).
struct OwnedFd {
  int fd = -1;
  ~OwnedFd() {
    if (fd > 0) ::close(fd);
  }
  int release() { return std::exchange(fd, -1); }
};

// Reads up to `want` bytes from the current position (fewer only at the end of input).
std::string read_head(int fd, const std::string& name, std::size_t want) {
  std::string head(want, '\0');
  std::size_t got = 0;
  while (got < want) {
    const ssize_t n = ::read(fd, head.data() + got, want - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw io_error({name}, fmt::format("cannot read: {}", std::strerror(errno)), "give a readable file");
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  head.resize(got);
  return head;
}

// Files that are not UTF-8 text but are often given a .csv name; read as CSV they would only
// produce a baffling "item columns are not in the header". Throws a data Error naming them.
void refuse_non_text(const std::string& name, std::string_view bytes) {
  auto starts = [&](std::string_view magic) { return bytes.substr(0, magic.size()) == magic; };
  const char* what = nullptr;
  const char* hint = nullptr;
  if (starts("\xFF\xFE") || starts("\xFE\xFF")) {
    what = "is UTF-16 text";
    hint = "save it as UTF-8 (in Excel: CSV UTF-8; or iconv -f UTF-16 -t UTF-8)";
  } else if (starts("\x1F\x8B")) {
    what = "is gzip-compressed";
    hint = "decompress it first (gunzip), or pipe it: gunzip -c FILE | attune score ... -";
  } else if (starts("PK\x03\x04")) {
    what = "is a zip archive (an Excel .xlsx workbook is one)";
    hint = "save the sheet as CSV (UTF-8), or unzip the archive";
  }
  if (what) throw data_error({name}, what, hint);
}

// An unlinked temporary file in $TMPDIR (else /tmp) holding `head` and the rest of `fd`:
// ReadStat seeks, and a pipe cannot. Throws an io Error naming the input when it cannot.
int spool_to_temporary(int fd, const std::string& name, std::string_view head) {
  const char* env = std::getenv("TMPDIR");
  const std::string dir = env && *env ? env : "/tmp";
  auto failed = [&](int err) {
    return io_error({name}, fmt::format("cannot copy the piped data set to a temporary file in {}: {}", dir,
                                        std::strerror(err)),
                    "save it to a file and pass the file's path");
  };
  OwnedFd temp{::open(dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600)};
  if (temp.fd < 0) {
    std::string pattern = dir + "/attune-input-XXXXXX";
    temp.fd = ::mkostemp(pattern.data(), O_CLOEXEC);
    if (temp.fd < 0) throw failed(errno);
    ::unlink(pattern.c_str());
  }
  auto write_all = [&](const char* data, std::size_t size) {
    while (size > 0) {
      const ssize_t n = ::write(temp.fd, data, size);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) throw failed(errno);
      data += n;
      size -= static_cast<std::size_t>(n);
    }
  };
  write_all(head.data(), head.size());
  std::string block(1u << 20, '\0');
  for (;;) {
    const ssize_t n = ::read(fd, block.data(), block.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw io_error({name}, fmt::format("cannot read: {}", std::strerror(errno)), "give a readable file");
    if (n == 0) break;
    write_all(block.data(), static_cast<std::size_t>(n));
  }
  return temp.release();
}

// A data Error for binary data under a CSV name or format.
[[noreturn]] void refuse_binary_as_csv(const std::string& name, InputFormat actual) {
  throw data_error({name}, fmt::format("is not {}: it looks like {}", input_format_description(InputFormat::csv),
                                       input_format_description(actual)),
                   fmt::format("give it a .{0} extension or pass --input-format {0}", input_format_name(actual)));
}

}  // namespace

std::unique_ptr<RecordSource> open_record_source_fd(int fd, const std::string& name, const InputOptions& options) {
  OwnedFd owned{fd};
  InputFormat chosen = input_format_for_path(name);
  const bool named_binary = chosen != InputFormat::csv;
  const bool explicit_format = !options.format.empty() && options.format != "auto";
  if (explicit_format) {
    const auto named = parse_input_format(options.format);
    if (!named)
      throw usage_error(fmt::format("unknown input format \"{}\"", options.format),
                        "use one of csv, sav, zsav, dta, sas7bdat, or auto");
    chosen = *named;
  }
  struct stat info {};
  const bool stat_ok = ::fstat(fd, &info) == 0;
  if (stat_ok && S_ISDIR(info.st_mode)) {
    if (chosen == InputFormat::csv)
      throw io_error({name}, "is a directory", "give a CSV file, or - to read standard input");
    throw io_error({name}, fmt::format("is not a regular file; {} must be read from a file",
                                       input_format_description(chosen)),
                   "pass the path of the file itself");
  }
  const bool regular = stat_ok && S_ISREG(info.st_mode);
  // Where reading starts: a regular file on standard input may be positioned past its start.
  const off_t start = regular ? ::lseek(fd, 0, SEEK_CUR) : -1;
  const std::string head = read_head(fd, name, kSniffBytes);
  const std::optional<InputFormat> actual = sniff_input_format(head);
  // Standard input and pipes have no name to go by: their first bytes say what they are.
  if (!explicit_format && !named_binary && !(regular && fd != 0) && actual && *actual != InputFormat::csv)
    chosen = *actual;

  if (chosen == InputFormat::csv) {
    // A binary data set given a CSV name would otherwise read as garbage: say what it is.
    if (actual && *actual != InputFormat::csv) refuse_binary_as_csv(name, *actual);
    refuse_non_text(name, head);
    const std::uint64_t size = regular ? static_cast<std::uint64_t>(info.st_size) : 0;
    auto reader = std::make_unique<CsvReader>(owned.release(), name, head, size, options.csv);
    if (options.qualtrics == QualtricsMode::off) return reader;
    return skip_qualtrics_headers(std::move(reader), options.qualtrics);
  }
  // ReadStat reads with explicit positions: a regular file read from its start is read in
  // place, anything else from a copy.
  int data_fd = -1;
  if (regular && start == 0) {
    data_fd = fd == 0 ? ::fcntl(0, F_DUPFD_CLOEXEC, 3) : owned.release();
    if (data_fd < 0) throw io_error({name}, fmt::format("cannot read: {}", std::strerror(errno)));
  } else {
    data_fd = spool_to_temporary(fd, name, head);
  }
  return std::make_unique<ReadStatSource>(data_fd, name, chosen, options.readstat);
}

std::unique_ptr<RecordSource> open_record_source(const std::string& path, std::string_view format,
                                                 CsvOptions csv_options, QualtricsMode qualtrics) {
  InputOptions options{std::string(format), csv_options, qualtrics, {}};
  if (!format.empty() && format != "auto" && !parse_input_format(format))
    throw usage_error(fmt::format("unknown input format \"{}\"", format),
                      "use one of csv, sav, zsav, dta, sas7bdat, or auto");
  if (path == "-") return open_record_source_fd(0, "<stdin>", options);
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const int err = errno;
    // The hint of the reader the path would have gone to.
    const auto named = parse_input_format(format);
    const bool csv = (named && *named == InputFormat::csv) ||
                     (!named && input_format_for_path(path) == InputFormat::csv);
    throw io_error({path}, fmt::format("cannot open: {}", std::strerror(err)),
                   csv ? "check the path, or give - to read standard input"
                       : "check the path and that the file is readable");
  }
  return open_record_source_fd(fd, path, options);
}

}  // namespace attune
