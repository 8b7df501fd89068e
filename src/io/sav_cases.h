// Private to src/io: checking that an SPSS .sav file's data section holds whole cases.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace attune {

// What the .sav header says about the cases' layout.
struct SavLayout {
  bool compressed = false;        // bytecode (row) compression
  std::int64_t case_slots = -1;   // 8-byte slots per case (nominal_case_size); -1 when not given
};

// Reads up to `bytes` bytes at `offset` into `buffer`; returns how many (fewer at the end).
using ReadAt = std::function<std::size_t(std::uint64_t offset, char* buffer, std::size_t bytes)>;

// The .sav header's layout: nominal_case_size (offset 68) in the file's byte order.
SavLayout read_sav_layout(const ReadAt& read, bool compressed, bool big_endian);

// Why the data section [begin, end) does not hold exactly `cases` whole cases (it was cut
// short, ends inside a case, or its compressed data lack their end code 252), or nullopt when
// it does. A scan of the bytes: the bytecode's command blocks are followed, never decoded.
std::optional<std::string> sav_data_problem(const ReadAt& read, std::uint64_t begin, std::uint64_t end,
                                            const SavLayout& layout, std::uint64_t cases);

}  // namespace attune
