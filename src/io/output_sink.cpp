#include "attune/io/output_sink.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "attune/util/background_sync.h"
#include "attune/util/error.h"
#include "pending_outputs.h"

namespace attune {

namespace {

void write_all(int fd, std::string_view bytes, const std::string& name) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      throw io_error({name}, fmt::format("cannot write: {}", std::strerror(errno)),
                     errno == ENOSPC ? "free some disk space" : "check the output path");
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

// Buffers output and writes it in large blocks.
class FdSink : public OutputSink {
 public:
  FdSink(int fd, std::string name) : fd_(fd), name_(std::move(name)) { buffer_.reserve(kBlock); }

  void write(std::string_view bytes) override {
    if (bytes.size() >= kBlock) {   // a large piece (a block of formatted rows) goes out without a copy
      flush();
      write_all(fd_, bytes, name_);
      wrote(bytes.size());
      return;
    }
    buffer_.append(bytes);
    if (buffer_.size() >= kBlock) flush();
  }
  void commit() override { flush(); }
  const std::string& name() const override { return name_; }

 protected:
  void flush() {
    write_all(fd_, buffer_, name_);
    wrote(buffer_.size());
    buffer_.clear();
  }
  // Called after `bytes` more bytes were written to fd_.
  virtual void wrote(std::size_t bytes) { (void)bytes; }
  static constexpr std::size_t kBlock = 1u << 16;
  int fd_;
  std::string name_;
  std::string buffer_;
};

// Writes to a temporary file beside the target; commit() renames it over the target.
class AtomicFileSink : public FdSink {
 public:
  explicit AtomicFileSink(const std::string& path) : FdSink(-1, path), path_(path) {
    std::filesystem::path target(path);
    if (std::filesystem::is_directory(target)) {
      throw io_error({path}, "is a directory", "give a file name for -o");
    }
    std::filesystem::path dir = target.parent_path();
    temp_ = (dir.empty() ? std::filesystem::path(".") : dir) / ("." + target.filename().string() + ".XXXXXX");
    std::string pattern = temp_.string();
    fd_ = ::mkstemp(pattern.data());
    if (fd_ < 0) {
      throw io_error({path}, fmt::format("cannot create the output file: {}", std::strerror(errno)),
                     "check that the directory exists and is writable");
    }
    temp_ = pattern;
    pending_ = pending_outputs::add(pattern.c_str());
    syncer_ = std::make_unique<BackgroundSync>(fd_);
    ::fchmod(fd_, 0644 & ~current_umask());
  }

  ~AtomicFileSink() override {
    syncer_.reset();   // waits for a sync under way, before the descriptor closes
    if (fd_ >= 0) ::close(fd_);
    if (!committed_) ::unlink(temp_.c_str());
    pending_outputs::remove(pending_);
  }

  void commit() override {
    flush();
    // Only what the last background sync did not cover is left for fsync to wait on.
    if (const int error = syncer_->finish(); error != 0) {
      throw io_error({path_}, fmt::format("cannot write: {}", std::strerror(error)), "check the disk");
    }
    if (::fsync(fd_) != 0 && errno != EINVAL) {
      throw io_error({path_}, fmt::format("cannot write: {}", std::strerror(errno)), "check the disk");
    }
    if (::close(fd_) != 0) {
      fd_ = -1;
      throw io_error({path_}, fmt::format("cannot write: {}", std::strerror(errno)), "check the disk");
    }
    fd_ = -1;
    if (std::rename(temp_.c_str(), path_.c_str()) != 0) {
      throw io_error({path_}, fmt::format("cannot replace the output file: {}", std::strerror(errno)),
                     "check the directory's permissions");
    }
    committed_ = true;
    pending_outputs::remove(pending_);
    pending_ = -1;
  }

  // Has each 4 MiB synced to disk as soon as it is written, beside the writing (a thread of
  // BackgroundSync's), so that commit()'s fsync waits for the last piece only: at 1M scored
  // rows (37 MB) the fsync at the end took 30-57 ms with writeback merely started along the
  // way (sync_file_range), 3-4 ms after syncs along the way.
  void wrote(std::size_t bytes) override {
    written_ += bytes;
    if (written_ - synced_ >= kSyncEvery) {
      syncer_->request();
      synced_ = written_;
    }
  }

 private:
  static constexpr std::uint64_t kSyncEvery = 4u << 20;
  std::uint64_t written_ = 0, synced_ = 0;
  static mode_t current_umask() {
    mode_t mask = ::umask(0);
    ::umask(mask);
    return mask;
  }
  std::string path_;
  std::filesystem::path temp_;
  bool committed_ = false;
  int pending_ = -1;   // its slot among the pending outputs a signal handler removes
  std::unique_ptr<BackgroundSync> syncer_;   // made once the temporary file is open
};

}  // namespace

// Devices and pipes (/dev/stdout, /dev/full, a FIFO) are written directly: they cannot be
// replaced by renaming.
class DeviceSink : public FdSink {
 public:
  explicit DeviceSink(const std::string& path) : FdSink(::open(path.c_str(), O_WRONLY | O_CLOEXEC), path) {
    if (fd_ < 0) {
      throw io_error({path}, fmt::format("cannot open for writing: {}", std::strerror(errno)),
                     "check the output path");
    }
  }
  ~DeviceSink() override { ::close(fd_); }
};

std::unique_ptr<OutputSink> open_stderr() { return std::make_unique<FdSink>(2, "<stderr>"); }

std::unique_ptr<OutputSink> open_output(const std::string& path) {
  if (path == "-" || path.empty()) return std::make_unique<FdSink>(1, "<stdout>");
  struct stat info {};
  if (::stat(path.c_str(), &info) == 0 && !S_ISREG(info.st_mode) && !S_ISDIR(info.st_mode)) {
    return std::make_unique<DeviceSink>(path);
  }
  return std::make_unique<AtomicFileSink>(path);
}

}  // namespace attune
