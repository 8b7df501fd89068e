// Sums over blocks of byte columns (Likert answer codes): the inner loops of LikertMoments,
// written once per instruction set (plain C++, AVX2, AVX-512 VNNI), all giving the same sums.
#pragma once

#include <cstddef>
#include <cstdint>

#include "attune/util/simd_level.h"

namespace attune::byte_kernels {

// A block holds kRows rows of byte columns: column c at block + c * kRows (64-byte aligned),
// every byte a code 0..kMaxCode. Blocks are zero-padded to kRows rows and to a multiple of
// kColumnTile columns.
inline constexpr std::size_t kRows = 1024;
inline constexpr unsigned kMaxCode = 15;
inline constexpr std::size_t kColumnTile = 16;

// Rows' class codes that are no class (padding rows, rows with no answer).
inline constexpr std::uint8_t kNoClass = 0xFF;
// What class_sums adds per listed column and class: [0] sum d u, [1] sum d p, [2] sum d^2 p,
// [3] sum p, [4] sum u, [5] sum u^2 (u the column's code, p = 1 where u > 0, d the row's
// deviation), over the rows of the class.
inline constexpr std::size_t kItemFields = 6;
// And per class: [0] rows, [1] sum d, [2] sum d^2.
inline constexpr std::size_t kClassFields = 3;

// Rows of one scale: each row's class (0..classes-1, or kNoClass) and deviation (-127..127).
struct ClassedRows {
  const std::uint8_t* classes;   // kRows
  const std::int8_t* deviations; // kRows
  std::size_t count;             // classes are 0..count-1
};

struct Kernels {
  // Row-major rows to a block: rows[r * stride + c] to column c (c < padded_columns, a
  // multiple of kColumnTile; stride >= padded_columns) for r < count (<= kRows); later rows 0.
  void (*transpose)(const std::uint8_t* rows, std::size_t stride, std::size_t count, std::size_t padded_columns,
                    std::uint8_t* block);
  // counts[c * 16 + v] += rows of column c holding v, for c < columns and v <= top (< 16).
  void (*histograms)(const std::uint8_t* block, std::size_t columns, unsigned top, std::uint64_t* counts);
  // sums[t] += the sum over the block of column i times column j, for every pair i <= j of
  // the first `columns` columns, t counting the pairs in order (0,0), (0,1), ..., (1,1), ...
  void (*pair_products)(const std::uint8_t* block, std::size_t columns, std::int64_t* sums);
  // For the `count` listed columns and every class c of `rows`: item_sums[(c * count + t) *
  // kItemFields + f] and class_sums[c * kClassFields + f] as described above.
  void (*class_sums)(const std::uint8_t* block, const std::uint32_t* columns, std::size_t count,
                     const ClassedRows& rows, std::int64_t* item_sums, std::int64_t* class_sums);
};

// The kernels of `level`, which the CPU must support (simd_supported).
const Kernels& kernels(SimdLevel level);

// Each level's table (defined in byte_kernels_<level>.cpp).
const Kernels& plain_kernels();
const Kernels& avx2_kernels();
const Kernels& avx512_kernels();

}  // namespace attune::byte_kernels
