#include "option_checks.h"

#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include "attune/util/text.h"

namespace attune::cli {

CLI::Validator whole_number(std::uint64_t low, std::uint64_t high, std::string meaning) {
  const std::string range =
      fmt::format("a whole number from {} to {}{}", low, high, meaning.empty() ? "" : " (" + meaning + ")");
  return CLI::Validator(
      [low, high, range](std::string& text) -> std::string {
        std::string_view t = trim(text);
        std::uint64_t value = 0;
        auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
        if (t.empty() || ec != std::errc() || end != t.data() + t.size() || value < low || value > high) {
          return fmt::format("{} is not {}", show_text(text), range);
        }
        return "";
      },
      "");   // no description: the help's option text says what the value is
}

CLI::Validator thread_count() { return whole_number(0, UINT32_MAX, "0: one per core"); }

CLI::Validator not_empty(std::string what) {
  return CLI::Validator(
      [what](std::string& text) -> std::string {
        return text.empty() ? fmt::format("\"\" is not {}", what) : std::string();
      },
      "");
}

CLI::Validator finite_number(double low, double high, bool low_open, bool high_open) {
  const std::string range = fmt::format("a number from {} to {}{}", low, high,
                                        low_open && high_open ? ", both excluded"
                                        : low_open           ? fmt::format(", {} excluded", low)
                                        : high_open          ? fmt::format(", {} excluded", high)
                                                             : "");
  return CLI::Validator(
      [=](std::string& text) -> std::string {
        std::string_view t = trim(text);
        if (!t.empty() && t.front() == '+') t.remove_prefix(1);
        double value = 0;
        auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
        const bool inside = (low_open ? value > low : value >= low) && (high_open ? value < high : value <= high);
        if (t.empty() || ec != std::errc() || end != t.data() + t.size() || !std::isfinite(value) || !inside) {
          return fmt::format("{} is not {}", show_text(text), range);
        }
        return "";
      },
      "");   // no description: the help's option text says what the value is
}

}  // namespace attune::cli
