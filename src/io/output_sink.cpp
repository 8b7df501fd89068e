#include "attune/io/output_sink.h"

#include <cerrno>
#include <charconv>
#include <cstring>
#include <optional>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "attune/util/error.h"
#include "fd_sink.h"

namespace attune {

BrokenPipe::BrokenPipe(const std::string& name)
    : Error(ErrorKind::io, {name}, "cannot write: the reader of the pipe has gone", "nothing to do") {}

namespace sinks {

void write_all(int fd, std::string_view bytes, const std::string& name) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno == EPIPE) throw BrokenPipe(name);
    if (n < 0) {
      throw io_error({name}, fmt::format("cannot write: {}", std::strerror(errno)),
                     errno == ENOSPC ? "free some disk space" : "check the output path");
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

FdSink::FdSink(int fd, std::string name, bool drop_errors)
    : fd_(fd), name_(std::move(name)), drop_errors_(drop_errors) {
  buffer_.reserve(kBlock);
}

void FdSink::write(std::string_view bytes) {
  if (bytes.size() >= kBlock) {   // a large piece (a block of formatted rows) goes out without a copy
    flush();
    if (drop_errors_) {
      try { write_all(fd_, bytes, name_); } catch (const Error&) {}
    } else {
      write_all(fd_, bytes, name_);
    }
    wrote(bytes.size());
    return;
  }
  buffer_.append(bytes);
  if (buffer_.size() >= kBlock) flush();
}

void FdSink::flush() {
  if (drop_errors_) {
    try { write_all(fd_, buffer_, name_); } catch (const Error&) {}
  } else {
    write_all(fd_, buffer_, name_);
  }
  wrote(buffer_.size());
  buffer_.clear();
}

}  // namespace sinks

namespace {

using sinks::FdSink;

// A descriptor of its own (a device or pipe opened by name, or a duplicate of 1 or 2), closed
// with the sink.
class OwnedFdSink : public FdSink {
 public:
  OwnedFdSink(int fd, std::string name) : FdSink(fd, std::move(name)) {}
  ~OwnedFdSink() override { ::close(fd_); }
};

// The descriptor a name such as /dev/stdout, /dev/fd/3 or /proc/self/fd/1 stands for: writing
// it directly appends where the descriptor is (a renamed file would replace the link in /dev,
// and opening the name anew would start a redirected file over from its first byte).
std::optional<int> named_descriptor(std::string_view path) {
  if (path == "/dev/stdin") return 0;
  if (path == "/dev/stdout") return 1;
  if (path == "/dev/stderr") return 2;
  for (std::string_view prefix : {"/dev/fd/", "/proc/self/fd/"}) {
    if (!path.starts_with(prefix)) continue;
    std::string_view digits = path.substr(prefix.size());
    int fd = -1;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), fd);
    if (ec == std::errc() && end == digits.data() + digits.size() && !digits.empty()) return fd;
  }
  return std::nullopt;
}

// `path` with symbolic links in its last component followed (up to 40, as the kernel), so that
// the file they name is replaced and the links stay.
std::string follow_links(const std::string& path) {
  std::string current = path;
  for (int hops = 0; hops < 40; ++hops) {
    struct stat info {};
    if (::lstat(current.c_str(), &info) != 0 || !S_ISLNK(info.st_mode)) return current;
    std::string target(static_cast<std::size_t>(info.st_size > 0 ? info.st_size : 4096) + 1, '\0');
    ssize_t n = ::readlink(current.c_str(), target.data(), target.size());
    if (n < 0) return current;
    target.resize(static_cast<std::size_t>(n));
    if (target.empty() || target.front() != '/') {
      std::size_t slash = current.rfind('/');
      if (slash != std::string::npos) target = current.substr(0, slash + 1) + target;
    }
    current = target;
  }
  throw io_error({path}, "too many levels of symbolic links", "point -o at a file");
}

}  // namespace

std::unique_ptr<OutputSink> open_stderr() { return std::make_unique<FdSink>(2, "<stderr>", true); }

std::unique_ptr<OutputSink> open_output(const std::string& path) {
  if (path == "-" || path.empty()) return std::make_unique<FdSink>(1, "<stdout>");
  if (auto fd = named_descriptor(path)) {
    int own = ::fcntl(*fd, F_DUPFD_CLOEXEC, 3);
    if (own < 0) {
      throw io_error({path}, fmt::format("cannot write: descriptor {} is not open", *fd),
                     "open it in the shell (e.g. 3>FILE), or give a file");
    }
    return std::make_unique<OwnedFdSink>(own, path);
  }
  const std::string target = follow_links(path);
  struct stat info {};
  if (::stat(target.c_str(), &info) != 0) {
    if (errno != ENOENT) {
      throw io_error({path}, fmt::format("cannot open for writing: {}", std::strerror(errno)), "check the output path");
    }
    return sinks::open_atomic_file(path, target, nullptr);
  }
  if (S_ISDIR(info.st_mode)) throw io_error({path}, "is a directory", "give a file name for -o");
  if (!S_ISREG(info.st_mode)) {   // a device, pipe or socket: written directly, never replaced
    int fd = ::open(target.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
      throw io_error({path}, fmt::format("cannot open for writing: {}", std::strerror(errno)), "check the output path");
    }
    return std::make_unique<OwnedFdSink>(fd, path);
  }
  if (info.st_nlink > 1) {
    throw io_error({path}, fmt::format("has {} hard links: replacing it would leave the other names with the old contents",
                                       info.st_nlink),
                   "write to a new file, or remove the other links first");
  }
  if ((info.st_mode & 0222) == 0 || ::access(target.c_str(), W_OK) != 0) {
    throw io_error({path}, "is write-protected: attune does not replace a file without write permission",
                   "write to another file, or give it write permission (chmod u+w) first");
  }
  return sinks::open_atomic_file(path, target, &info);
}

}  // namespace attune
