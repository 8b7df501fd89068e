#include "memory_note.h"

namespace attune::cli {

namespace {

// Set once per run, before the rows are read; read only after the command has unwound.
std::string& held() {
  static std::string what;
  return what;
}

}  // namespace

void holding(std::string what) { held() = std::move(what); }

std::string out_of_memory_message() {
  // Called after the command has unwound: what it held is freed, so the text can be made.
  return held().empty() ? "out of memory" : "out of memory " + held();
}

}  // namespace attune::cli
