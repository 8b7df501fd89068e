// What a command holds in memory, for the one message main gives when memory runs out: it names
// what was being held, of which file, and the option that avoids holding it.
#pragma once

#include <string>

namespace attune::cli {

// Records what the command is about to hold ("" for nothing beyond a streaming pass).
void holding(std::string what);

// The message for running out of memory: "out of memory", then what was held, if said.
std::string out_of_memory_message();

}  // namespace attune::cli
