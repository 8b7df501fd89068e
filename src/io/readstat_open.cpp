// ReadStatSource: opening it on a path, a descriptor or bytes in memory, and closing it.
#include "attune/io/readstat_source.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fmt/format.h>

namespace attune {

ReadStatSource::ReadStatSource(std::string name, std::string memory, InputFormat format,
                               ReadStatLimits limits)
    : name_(std::move(name)), format_(format), limits_(limits), memory_(std::move(memory)) {
  if (format == InputFormat::csv)
    throw usage_error(fmt::format("{}: ReadStat reads sav, zsav, dta or sas7bdat, not csv", name_));
  limits_.chunk_cells = std::max<std::size_t>(limits_.chunk_cells, 1);
}

ReadStatSource::ReadStatSource(const std::string& path, InputFormat format, ReadStatLimits limits)
    : ReadStatSource(path, std::string(), format, limits) {
  fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0)
    throw io_error({path}, fmt::format("cannot open: {}", std::strerror(errno)),
                   "check the path and that the file is readable");
  open_fd();
}

ReadStatSource::ReadStatSource(int fd, std::string name, InputFormat format, ReadStatLimits limits)
    : ReadStatSource(std::move(name), std::string(), format, limits) {
  fd_ = fd;
  open_fd();
}

void ReadStatSource::open_fd() {
  struct stat info {};
  if (::fstat(fd_, &info) != 0 || !S_ISREG(info.st_mode)) {
    ::close(fd_);
    fd_ = -1;
    throw io_error({name_}, fmt::format("is not a regular file; {} must be read from a file",
                                        input_format_description(format_)),
                   "pass the path of the file itself");
  }
  total_bytes_ = static_cast<std::uint64_t>(info.st_size);
  try {
    read_chunk();
  } catch (...) {
    ::close(fd_);
    fd_ = -1;
    throw;
  }
}

std::unique_ptr<ReadStatSource> ReadStatSource::from_bytes(std::string bytes, std::string name,
                                                           InputFormat format,
                                                           ReadStatLimits limits) {
  std::unique_ptr<ReadStatSource> source(
      new ReadStatSource(std::move(name), std::move(bytes), format, limits));
  source->total_bytes_ = source->memory_.size();
  source->read_chunk();
  return source;
}

ReadStatSource::~ReadStatSource() {
  if (fd_ >= 0) ::close(fd_);
}

}  // namespace attune
