// Private to src/instrument: typed access to YAML nodes that records problems instead of
// throwing, so that `attune check` can report every problem in one run.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "attune/instrument/loader.h"

namespace attune::yaml_fields {

class Reader {
 public:
  Reader(std::string source, std::vector<Problem>& problems)
      : source_(std::move(source)), problems_(problems) {}

  // The location of `node` in the YAML (1-based line and column).
  SourceLocation where(const YAML::Node& node) const;
  // Records a problem at `node`.
  void problem(const YAML::Node& node, std::string message);
  void problem(SourceLocation where, std::string message);

  // Reports keys of mapping `node` not in `allowed` ("unknown key ... did you mean ...").
  void check_keys(const YAML::Node& node, std::string_view context,
                  std::initializer_list<std::string_view> allowed);
  // Whether `node` is a mapping; reports it otherwise.
  bool expect_map(const YAML::Node& node, std::string_view what);

  // A scalar's text; nullopt (and a problem) when absent and required or not a scalar.
  std::optional<std::string> text(const YAML::Node& parent, std::string_view key, bool required);
  // A number; nullopt (and a problem) when not a finite number.
  std::optional<double> number(const YAML::Node& node, std::string_view what);
  // A whole number; nullopt (and a problem) otherwise.
  std::optional<long> whole(const YAML::Node& node, std::string_view what);

  const std::string& source() const { return source_; }

 private:
  std::string source_;
  std::vector<Problem>& problems_;
};

// Text from the definition for a message: as it is when short and plain, else an escaped
// excerpt of 20 bytes, so that a file that is no definition (/etc/shadow) is not echoed.
std::string excerpt(std::string_view text);

// Parses a finite decimal number (no trailing text); nullopt otherwise.
std::optional<double> parse_number(std::string_view text);

}  // namespace attune::yaml_fields
