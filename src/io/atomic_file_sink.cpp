// The atomic file sink: the output is written to an unnamed file (O_TMPFILE) in the target's
// directory, which gets a name only when it is complete; where the file system has no unnamed
// files, to a hidden ".attune-XXXXXX" beside the target. Either way the target is replaced by a
// rename, with the target's mode and owner, only on commit().
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include <fcntl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "attune/util/background_sync.h"
#include "attune/util/error.h"
#include "fd_sink.h"
#include "pending_outputs.h"

namespace attune::sinks {

namespace {

mode_t current_umask() {
  mode_t mask = ::umask(0);
  ::umask(mask);
  return mask;
}

// "DIR/.attune-" and 10 random letters or digits.
std::string random_temp_name(const std::string& dir) {
  static constexpr char kLetters[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  unsigned char bytes[10] = {};
  if (::getrandom(bytes, sizeof bytes, 0) != static_cast<ssize_t>(sizeof bytes)) {
    const auto seed = static_cast<unsigned long>(::getpid()) ^ static_cast<unsigned long>(reinterpret_cast<std::uintptr_t>(&bytes));
    for (std::size_t i = 0; i < sizeof bytes; ++i) bytes[i] = static_cast<unsigned char>(seed >> (i * 5));
  }
  std::string name = dir + "/.attune-";
  for (unsigned char b : bytes) name += kLetters[b % (sizeof kLetters - 1)];
  return name;
}

// Gives the unnamed file `fd` the name `path`; false (errno set) when it cannot.
bool link_unnamed(int fd, const std::string& path) {
  if (::linkat(fd, "", AT_FDCWD, path.c_str(), AT_EMPTY_PATH) == 0) return true;
  if (errno == EEXIST) return false;
  const std::string self = fmt::format("/proc/self/fd/{}", fd);
  return ::linkat(AT_FDCWD, self.c_str(), AT_FDCWD, path.c_str(), AT_SYMLINK_FOLLOW) == 0;
}

class AtomicFileSink : public FdSink {
 public:
  AtomicFileSink(const std::string& shown, const std::string& target, const struct stat* existing)
      : FdSink(-1, shown), target_(target), existing_(existing != nullptr) {
    if (existing) existing_info_ = *existing;
    const std::size_t slash = target.rfind('/');
    dir_ = slash == std::string::npos ? "." : slash == 0 ? "/" : target.substr(0, slash);
    mode_ = existing ? existing->st_mode & 07777 : 0666 & ~current_umask();
    // ATTUNE_NO_TMPFILE=1 takes the named path where unnamed files exist (a knob for tests).
    static const bool unnamed_allowed = [] {
      const char* knob = std::getenv("ATTUNE_NO_TMPFILE");
      return !(knob && *knob && std::string_view(knob) != "0");
    }();
    fd_ = unnamed_allowed ? ::open(dir_.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600) : -1;
    // An unnamed file is used only where it can surely be given a name later (through /proc;
    // linking the descriptor itself needs a capability a container may not grant).
    if (fd_ >= 0 && ::access(fmt::format("/proc/self/fd/{}", fd_).c_str(), F_OK) != 0) {
      ::close(fd_);
      fd_ = -1;
    }
    if (fd_ < 0) {
      std::string pattern = dir_ + "/.attune-XXXXXX";
      fd_ = ::mkostemp(pattern.data(), O_CLOEXEC);
      if (fd_ < 0) {
        throw io_error({shown}, fmt::format("cannot create the output file: {}", std::strerror(errno)),
                       "check that the directory exists and is writable");
      }
      temp_ = pattern;
      pending_ = pending_outputs::add(temp_.c_str());
    }
    syncer_ = std::make_unique<BackgroundSync>(fd_);
  }

  ~AtomicFileSink() override {
    syncer_.reset();   // waits for a sync under way, before the descriptor closes
    if (fd_ >= 0) ::close(fd_);
    if (!committed_ && !temp_.empty()) ::unlink(temp_.c_str());
    pending_outputs::remove(pending_);
  }

  void commit() override {
    flush();
    // Only what the last background sync did not cover is left for fsync to wait on.
    if (const int error = syncer_->finish(); error != 0) fail("cannot write", error);
    if (::fsync(fd_) != 0 && errno != EINVAL) fail("cannot write", errno);
    keep_attributes();
    if (temp_.empty()) {
      // A new target takes the file's name at once; an existing one is replaced by a rename
      // from a name given for that moment only.
      if (!existing_ && link_unnamed(fd_, target_)) return finish_close(false);
      if (errno != EEXIST && !existing_) fail("cannot create the output file", errno);
      name_unnamed();
    }
    finish_close(true);
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
  [[noreturn]] void fail(const char* what, int error) const {
    throw io_error({name_}, fmt::format("{}: {}", what, std::strerror(error)),
                   error == ENOSPC ? "free some disk space" : "check the disk and the directory's permissions");
  }

  // The target's permission bits, and its owner and group where this process may set them
  // (a set-id bit is dropped when the owner or group it names could not be kept).
  void keep_attributes() {
    mode_t mode = mode_;
    if (existing_) {
      if (::fchown(fd_, existing_info_.st_uid, existing_info_.st_gid) != 0) {
        mode &= ~S_ISUID;
        if (::fchown(fd_, static_cast<uid_t>(-1), existing_info_.st_gid) != 0) mode &= ~S_ISGID;
      }
    }
    if (::fchmod(fd_, mode) != 0) fail("cannot set the output file's permissions", errno);
  }

  // Gives the unnamed file a temporary name beside the target (registered for the signal
  // handlers first, so that a signal between link and rename leaves nothing).
  void name_unnamed() {
    for (int attempt = 0; attempt < 100; ++attempt) {
      std::string name = random_temp_name(dir_);
      pending_ = pending_outputs::add(name.c_str());
      if (link_unnamed(fd_, name)) {
        temp_ = name;
        return;
      }
      const int error = errno;
      pending_outputs::remove(pending_);
      pending_ = -1;
      if (error != EEXIST) fail("cannot create the output file", error);
    }
    fail("cannot create the output file", EEXIST);
  }

  // Closes the descriptor (a failure there is a failed write) and renames the temporary name,
  // if any, over the target.
  void finish_close(bool rename) {
    const int closed = ::close(fd_);
    const int close_error = errno;
    fd_ = -1;
    if (closed != 0) {
      if (!rename) ::unlink(target_.c_str());
      fail("cannot write", close_error);
    }
    if (rename && std::rename(temp_.c_str(), target_.c_str()) != 0) {
      fail("cannot replace the output file", errno);
    }
    committed_ = true;
    pending_outputs::remove(pending_);
    pending_ = -1;
  }

  static constexpr std::uint64_t kSyncEvery = 4u << 20;
  std::uint64_t written_ = 0, synced_ = 0;
  std::string target_, dir_;
  bool existing_;
  struct stat existing_info_ {};
  mode_t mode_;
  std::string temp_;         // the temporary name, when the file has one
  bool committed_ = false;
  int pending_ = -1;         // its slot among the pending outputs a signal handler removes
  std::unique_ptr<BackgroundSync> syncer_;   // made once the temporary file is open
};

}  // namespace

std::unique_ptr<OutputSink> open_atomic_file(const std::string& shown, const std::string& target,
                                             const struct stat* existing) {
  return std::make_unique<AtomicFileSink>(shown, target, existing);
}

}  // namespace attune::sinks
