// The plain C++ kernels: the reference the vector ones are tested against, and what runs on a
// CPU without AVX2 (the compiler vectorises some loops with SSE2).
#include <cstring>

#include "stats/byte_kernels.h"
#include "attune/util/error.h"

namespace attune::byte_kernels {

namespace {

void transpose(const std::uint8_t* rows, std::size_t stride, std::size_t count, std::size_t padded_columns,
               std::uint8_t* block) {
  for (std::size_t c = 0; c < padded_columns; ++c) {
    std::uint8_t* column = block + c * kRows;
    for (std::size_t r = 0; r < count; ++r) column[r] = rows[r * stride + c];
    std::memset(column + count, 0, kRows - count);
  }
}

void histograms(const std::uint8_t* block, std::size_t columns, unsigned top, std::uint64_t* counts) {
  for (std::size_t c = 0; c < columns; ++c) {
    const std::uint8_t* column = block + c * kRows;
    std::uint32_t tally[16] = {};
    for (std::size_t r = 0; r < kRows; ++r) ++tally[column[r] & 15];
    for (unsigned v = 0; v <= top; ++v) counts[c * 16 + v] += tally[v];
  }
}

void pair_products(const std::uint8_t* block, std::size_t columns, std::int64_t* sums) {
  for (std::size_t i = 0; i < columns; ++i) {
    const std::uint8_t* a = block + i * kRows;
    for (std::size_t j = i; j < columns; ++j) {
      const std::uint8_t* b = block + j * kRows;
      std::int32_t sum = 0;   // at most kRows * 15 * 15
      for (std::size_t r = 0; r < kRows; ++r) sum += a[r] * b[r];
      *sums++ += sum;
    }
  }
}

void class_sums(const std::uint8_t* block, const std::uint32_t* columns, std::size_t count, const ClassedRows& rows,
                std::int64_t* item_sums, std::int64_t* class_sums) {
  for (std::size_t r = 0; r < kRows; ++r) {
    const std::uint8_t c = rows.classes[r];
    if (c >= rows.count) continue;   // kNoClass, or no class of these rows
    const std::int64_t d = rows.deviations[r];
    std::int64_t* totals = class_sums + c * kClassFields;
    totals[0] += 1;
    totals[1] += d;
    totals[2] += d * d;
    std::int64_t* sums = item_sums + c * count * kItemFields;
    for (std::size_t t = 0; t < count; ++t, sums += kItemFields) {
      const std::int64_t u = block[columns[t] * kRows + r], p = u > 0;
      sums[0] += d * u;
      sums[1] += d * p;
      sums[2] += d * d * p;
      sums[3] += p;
      sums[4] += u;
      sums[5] += u * u;
    }
  }
}

}  // namespace

const Kernels& plain_kernels() {
  static const Kernels table{transpose, histograms, pair_products, class_sums};
  return table;
}

const Kernels& kernels(SimdLevel level) {
  if (!simd_supported(level)) throw usage_error("byte_kernels: this CPU cannot run the kernels asked for");
  switch (level) {
    case SimdLevel::avx512:
    case SimdLevel::avx512_vbmi2:
      return avx512_kernels();
    case SimdLevel::avx2:
      return avx2_kernels();
    case SimdLevel::plain:
      break;
  }
  return plain_kernels();
}

}  // namespace attune::byte_kernels
