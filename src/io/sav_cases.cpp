#include "sav_cases.h"

#include <vector>

#include <fmt/format.h>

namespace attune {

SavLayout read_sav_layout(const ReadAt& read, bool compressed, bool big_endian) {
  SavLayout layout;
  layout.compressed = compressed;
  unsigned char bytes[4] = {};
  if (read(68, reinterpret_cast<char*>(bytes), 4) != 4) return layout;
  const std::uint32_t value = big_endian ? (std::uint32_t{bytes[0]} << 24 | std::uint32_t{bytes[1]} << 16 |
                                            std::uint32_t{bytes[2]} << 8 | bytes[3])
                                         : (std::uint32_t{bytes[3]} << 24 | std::uint32_t{bytes[2]} << 16 |
                                            std::uint32_t{bytes[1]} << 8 | bytes[0]);
  const auto slots = static_cast<std::int32_t>(value);
  layout.case_slots = slots > 0 ? slots : -1;
  return layout;
}

// The bytecode (IBM SPSS Statistics "System File Format", data record): blocks of 8 command
// bytes, each followed by the 8-byte values its code 253 commands take, in order. Codes 1-251,
// 253, 254 and 255 each fill one 8-byte slot of a case, 0 is padding, 252 ends the data.
std::optional<std::string> sav_data_problem(const ReadAt& read, std::uint64_t begin, std::uint64_t end,
                                            const SavLayout& layout, std::uint64_t cases) {
  const std::uint64_t bytes = end > begin ? end - begin : 0;
  const std::uint64_t slot_bytes = layout.case_slots > 0 ? static_cast<std::uint64_t>(layout.case_slots) * 8 : 8;
  auto cut = [&](std::uint64_t slots) -> std::optional<std::string> {
    if (layout.case_slots <= 0) return std::nullopt;
    const auto per_case = static_cast<std::uint64_t>(layout.case_slots);
    if (slots % per_case != 0)
      return fmt::format("its data end inside case {}: the file is truncated", slots / per_case + 1);
    if (slots / per_case != cases)
      return fmt::format("holds {} cases but only {} could be read: the file is truncated or damaged",
                         slots / per_case, cases);
    return std::nullopt;
  };
  if (!layout.compressed) {
    if (bytes % slot_bytes != 0) return fmt::format("its data end inside a case: the file is truncated");
    return cut(bytes / 8);
  }
  std::vector<char> buffer(1u << 20);
  unsigned char commands[8] = {};
  int next = 8;               // the next command of the block to run; 8: a block is due
  bool wants_value = false;   // a 253 command waits for its 8 bytes
  std::uint64_t slots = 0;
  // Runs the block's commands up to one that needs 8 bytes of input; true when one does.
  auto run = [&]() -> bool {
    for (; next < 8; ++next) {
      const unsigned char code = commands[next];
      if (code == 0) continue;
      if (code == 252) return false;
      if (code == 253) return true;
      ++slots;
    }
    return false;
  };
  bool ended = false;
  std::uint64_t at = begin;
  while (at < end && !ended) {
    const std::size_t got = read(at, buffer.data(), static_cast<std::size_t>(std::min<std::uint64_t>(buffer.size(), end - at)));
    if (got == 0) break;
    const std::size_t units = got / 8;
    for (std::size_t u = 0; u < units && !ended; ++u) {
      if (wants_value) {
        ++slots;
        ++next;
      } else {
        std::copy(buffer.data() + u * 8, buffer.data() + u * 8 + 8, commands);
        next = 0;
      }
      wants_value = run();
      ended = !wants_value && next < 8 && commands[next] == 252;
    }
    at += units * 8;
    if (got % 8 != 0) break;
  }
  if (!ended && (bytes % 8 != 0 || wants_value))
    return fmt::format("its data end inside a case: the file is truncated");
  // Without a case count, the end code is all that tells a whole file from one cut at a case's
  // end (SPSS, PSPP and ReadStat write it; the format calls it optional).
  if (!ended)
    return fmt::format("its data stop without their end code and the header gives no case count: the file is "
                       "truncated");
  return cut(slots);
}

}  // namespace attune
