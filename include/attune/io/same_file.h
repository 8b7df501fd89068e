// Refusing an output that would overwrite an input (`attune score data.csv -o data.csv`).
#pragma once

#include <string>
#include <vector>

namespace attune {

// Throws a usage Error, before anything is read, when `output` (a -o path; "-" is standard
// output) is a regular file that is also one of `inputs` ("-" is standard input, "" is
// skipped): the same device and inode, links and /dev/fd names followed. Writing it would
// destroy the input (or, appended to while read, never end). `option` names the output in
// the message (-o, or e.g. --plot).
void refuse_output_over_inputs(const std::string& output, const std::vector<std::string>& inputs,
                               const std::string& option = "-o");

}  // namespace attune
