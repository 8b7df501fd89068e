#include "attune/io/same_file.h"

#include <sys/stat.h>

#include <fmt/format.h>

#include "attune/util/error.h"

namespace attune {

namespace {

// The status of a path, or of standard input/output for "-"; false when there is none.
bool status_of(const std::string& path, int standard_fd, struct stat& info) {
  if (path == "-") return ::fstat(standard_fd, &info) == 0;
  return ::stat(path.c_str(), &info) == 0;
}

}  // namespace

void refuse_output_over_inputs(const std::string& output, const std::vector<std::string>& inputs,
                               const std::string& option) {
  struct stat out {};
  if (!status_of(output.empty() ? "-" : output, 1, out) || !S_ISREG(out.st_mode)) return;
  for (const std::string& input : inputs) {
    struct stat in {};
    if (input.empty() || !status_of(input, 0, in) || in.st_dev != out.st_dev || in.st_ino != out.st_ino) continue;
    const std::string shown_in = input == "-" ? "standard input" : input;
    if (output.empty() || output == "-") {
      throw usage_error(fmt::format("standard output is the same file as the input {}: writing it would destroy the input",
                                    shown_in),
                        "redirect the output to another file");
    }
    throw usage_error(fmt::format("{} {} is the same file as the input {}: writing it would destroy the input", option,
                                  output, shown_in),
                      "write to another file (and rename it afterwards if you mean to replace the input)");
  }
}

}  // namespace attune
