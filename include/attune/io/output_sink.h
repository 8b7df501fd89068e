// Where output bytes go: standard output, or a file written atomically (a temporary file in
// the same directory, renamed over the target only on commit(); removed otherwise).
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace attune {

class OutputSink {
 public:
  virtual ~OutputSink() = default;
  // Appends bytes. Throws an io Error on a write failure (disk full, closed pipe).
  virtual void write(std::string_view bytes) = 0;
  // Flushes and, for files, renames into place. Without commit a file target is untouched.
  virtual void commit() = 0;
  // The name used in messages.
  virtual const std::string& name() const = 0;
};

// "-" is standard output; a device or pipe is written directly; anything else is a file
// written atomically.
std::unique_ptr<OutputSink> open_output(const std::string& path);

// Removes the temporary file of every file sink not yet committed or destroyed. Only unlinks:
// async-signal-safe, for the program's own SIGINT/SIGTERM handler (the library installs no
// signal handler).
void remove_pending_outputs() noexcept;

// Standard error, buffered like any other sink (for summaries beside the data).
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
