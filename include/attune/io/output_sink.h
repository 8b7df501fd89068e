// Where output bytes go: standard output, a descriptor or device written directly, or a file
// replaced atomically (written to an unnamed or hidden temporary file in the same directory,
// which takes the target's name only on commit(); nothing is left otherwise).
//
// The rules of -o FILE (open_output), as careful tools (GNU sed -i, rsync, install) keep them:
// - "-", /dev/stdout, /dev/stderr, /dev/fd/N and /proc/self/fd/N write to that descriptor;
// - a device, pipe or socket is opened and written directly (not replaced);
// - a symbolic link is followed: the file it names is replaced, the link stays;
// - an existing file keeps its permission bits, and its owner and group where the system
//   permits (else the set-id bits are dropped); a new file gets 0666 less the umask, as `>`;
// - a file with other hard links, or without write permission, is refused (replacing it
//   would break the links, or defeat the protection);
// - the temporary name is short (".attune-" and 10 characters), so any valid name works.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "attune/util/error.h"

namespace attune {

class OutputSink {
 public:
  virtual ~OutputSink() = default;
  // Appends bytes. Throws an io Error on a write failure (disk full), BrokenPipe when the
  // reader of a pipe has gone.
  virtual void write(std::string_view bytes) = 0;
  // Flushes and, for files, puts the file in place. Without commit a file target is untouched.
  virtual void commit() = 0;
  // The name used in messages.
  virtual const std::string& name() const = 0;
};

// A write to a pipe whose reader has gone (EPIPE): the CLI ends as if killed by SIGPIPE, which
// `attune ... | head` expects.
class BrokenPipe : public Error {
 public:
  explicit BrokenPipe(const std::string& name);
};

// Opens -o FILE by the rules above ("-" is standard output). Throws an io Error naming the
// path when it cannot be written by them.
std::unique_ptr<OutputSink> open_output(const std::string& path);

// Removes the named temporary file of every file sink not yet committed or destroyed (unnamed
// ones vanish by themselves). Only unlinks: async-signal-safe, for the program's own signal
// handlers (the library installs none).
void remove_pending_outputs() noexcept;

// Standard error, buffered like any other sink (for summaries beside the data). A failed
// write to it is dropped: what stderr cannot show must not cost the data.
std::unique_ptr<OutputSink> open_stderr();

// An in-memory sink, for tests.
class StringSink : public OutputSink {
 public:
  void write(std::string_view bytes) override { text_.append(bytes); }
  void commit() override { committed_ = true; }
  const std::string& name() const override { return name_; }
  const std::string& text() const { return text_; }
  bool committed() const { return committed_; }

 private:
  std::string text_;
  std::string name_ = "<memory>";
  bool committed_ = false;
};

}  // namespace attune
