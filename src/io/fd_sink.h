// Private to src/io: the buffered descriptor sink every output sink builds on, and the atomic
// file sink open_output() makes for regular files.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <sys/stat.h>

#include "attune/io/output_sink.h"

namespace attune::sinks {

// Writes all of `bytes` to `fd`; throws BrokenPipe on EPIPE, an io Error naming `name` on any
// other failure.
void write_all(int fd, std::string_view bytes, const std::string& name);

// Buffers output and writes it to a descriptor in large blocks. With drop_errors, a failed
// write is forgotten (standard error).
class FdSink : public OutputSink {
 public:
  FdSink(int fd, std::string name, bool drop_errors = false);
  void write(std::string_view bytes) override;
  void commit() override { flush(); }
  const std::string& name() const override { return name_; }

 protected:
  void flush();
  // Called after `bytes` more bytes were written to fd_.
  virtual void wrote(std::size_t bytes) { (void)bytes; }
  static constexpr std::size_t kBlock = 1u << 16;
  int fd_;
  std::string name_;
  std::string buffer_;
  bool drop_errors_;
};

// A regular file at `target` (symbolic links already followed), replaced atomically on
// commit; `existing` is its status when it exists (mode and owner are kept), else nullptr.
// `shown` names it in messages (the path as given).
std::unique_ptr<OutputSink> open_atomic_file(const std::string& shown, const std::string& target,
                                             const struct stat* existing);

}  // namespace attune::sinks
