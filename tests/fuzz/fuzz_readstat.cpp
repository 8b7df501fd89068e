// libFuzzer target: arbitrary bytes through the one input path (open_record_source_fd) as a
// .sav, .dta and .sas7bdat file (a memfd: a regular file, read in place by ReadStat's custom
// I/O handlers), and as standard input through a pipe (the format sniffed from the first bytes,
// binary data copied to a temporary file), with tiny chunks so re-parsing at row offsets is
// exercised. Any attune::Error is an accepted outcome; crashes, sanitizer reports and other
// exceptions are bugs. Seed corpus: tests/fuzz/corpus/readstat/.
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "attune/io/open_input.h"

namespace {

// Reads every record and label of `fd` opened as `name`; errors are fine.
void read_all(int fd, const std::string& name) {
  attune::InputOptions options;
  options.readstat.chunk_cells = 7;
  options.readstat.chunk_bytes = 256;
  options.readstat.max_variables = 1000;
  options.qualtrics = attune::QualtricsMode::off;
  try {
    auto source = attune::open_record_source_fd(fd, name, options);
    attune::Record record;
    std::size_t cells = 0;
    while (source->next(record))
      for (std::string_view field : record.fields) cells += field.size();
    if (auto* readstat = dynamic_cast<attune::ReadStatSource*>(source.get()))
      for (const auto& variable : readstat->variables()) cells += variable.value_labels.size();
    if (cells == static_cast<std::size_t>(-1)) ::abort();   // keeps the reads observable
  } catch (const attune::Error&) {
    // a clear error is the expected answer to bad input
  }
}

bool write_all(int fd, const std::uint8_t* data, std::size_t size) {
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n <= 0) return false;
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  for (const char* name : {"fuzz.sav", "fuzz.dta", "fuzz.sas7bdat"}) {
    const int fd = ::memfd_create("fuzz", MFD_CLOEXEC);
    if (fd < 0) return 0;
    if (!write_all(fd, data, size) || ::lseek(fd, 0, SEEK_SET) != 0) {
      ::close(fd);
      return 0;
    }
    read_all(fd, name);   // owns fd
  }
  // A pipe holds the whole input when it fits (1 MiB; libFuzzer's inputs are far smaller).
  int ends[2];
  if (::pipe2(ends, O_CLOEXEC) != 0) return 0;
  ::fcntl(ends[1], F_SETPIPE_SZ, 1 << 20);
  const bool fits = static_cast<long>(size) <= ::fcntl(ends[1], F_GETPIPE_SZ) && write_all(ends[1], data, size);
  ::close(ends[1]);
  if (fits) read_all(ends[0], "<stdin>");
  else ::close(ends[0]);
  return 0;
}
