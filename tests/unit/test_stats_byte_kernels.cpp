#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <random>
#include <vector>

#include "stats/byte_kernels.h"

using namespace attune;
namespace bk = attune::byte_kernels;

namespace {

// 64-byte aligned zeroed bytes.
struct Aligned {
  std::uint8_t* data;
  explicit Aligned(std::size_t size) : data(static_cast<std::uint8_t*>(std::aligned_alloc(64, (size + 63) / 64 * 64))) {
    std::memset(data, 0, (size + 63) / 64 * 64);
  }
  ~Aligned() { std::free(data); }
  Aligned(const Aligned&) = delete;
  Aligned& operator=(const Aligned&) = delete;
};

// Codes 0..top, with runs of the extremes (0 and top) and rows of top only, so that every
// lane of every kernel meets its largest products.
std::vector<std::uint8_t> random_codes(std::size_t size, unsigned top, std::mt19937& random) {
  std::vector<std::uint8_t> codes(size);
  for (std::size_t i = 0; i < size; ++i) {
    const auto u = random();
    codes[i] = static_cast<std::uint8_t>(u % 5 == 0 ? top : u % 7 == 0 ? 0 : u / 7 % (top + 1));
  }
  return codes;
}

std::vector<SimdLevel> levels_here() {
  std::vector<SimdLevel> levels;
  for (SimdLevel level : {SimdLevel::plain, SimdLevel::avx2, SimdLevel::avx512, SimdLevel::avx512_vbmi2})
    if (simd_supported(level)) levels.push_back(level);
  return levels;
}

}  // namespace

TEST_CASE("every kernel this CPU runs gives the brute-force sums of a block") {
  std::mt19937 random(41);
  for (const std::size_t columns : {std::size_t{1}, std::size_t{5}, std::size_t{16}, std::size_t{36}, std::size_t{41}}) {
    for (const std::size_t count : {std::size_t{1}, std::size_t{63}, std::size_t{1000}, bk::kRows}) {
      const std::size_t padded = (columns + 15) / 16 * 16, stride = padded + 16;
      const std::vector<std::uint8_t> rows = random_codes(count * stride, bk::kMaxCode, random);
      // Brute force from the row-major rows.
      std::vector<std::uint64_t> counts(columns * 16, 0);
      std::vector<std::int64_t> products;
      for (std::size_t c = 0; c < columns; ++c) {
        for (std::size_t r = 0; r < count; ++r) ++counts[c * 16 + rows[r * stride + c]];
        counts[c * 16] += bk::kRows - count;   // the block's zero rows
      }
      for (std::size_t i = 0; i < columns; ++i)
        for (std::size_t j = i; j < columns; ++j) {
          std::int64_t sum = 0;
          for (std::size_t r = 0; r < count; ++r) sum += rows[r * stride + i] * rows[r * stride + j];
          products.push_back(sum);
        }
      // A scale over every other column, each row in a class (some in none) with a deviation
      // that reaches both ends, -127 and 127.
      std::vector<std::uint32_t> listed;
      for (std::size_t c = 0; c < columns; c += 2) listed.push_back(static_cast<std::uint32_t>(c));
      // 7 classes, or 130 (a scale of 129 items has classes 0..129: the kernels' class
      // bitmaps then take three 64-bit words).
      const std::size_t classes = columns >= 36 ? 130 : 7;
      std::vector<std::uint8_t> row_class(bk::kRows, bk::kNoClass);
      std::vector<std::int8_t> deviation(bk::kRows, 0);
      for (std::size_t r = 0; r < count; ++r) {
        const auto u = random();
        row_class[r] = u % 9 == 0 ? bk::kNoClass : static_cast<std::uint8_t>(u % classes);
        deviation[r] = static_cast<std::int8_t>(u % 4 == 0 ? 127 : u % 4 == 1 ? -127 : static_cast<int>(u / 4 % 255) - 127);
      }
      std::vector<std::int64_t> item_sums(classes * listed.size() * bk::kItemFields, 0);
      std::vector<std::int64_t> class_sums(classes * bk::kClassFields, 0);
      for (std::size_t r = 0; r < count; ++r) {
        const std::size_t c = row_class[r];
        if (c == bk::kNoClass) continue;
        const std::int64_t d = deviation[r];
        class_sums[c * 3] += 1, class_sums[c * 3 + 1] += d, class_sums[c * 3 + 2] += d * d;
        for (std::size_t t = 0; t < listed.size(); ++t) {
          const std::int64_t u = rows[r * stride + listed[t]], p = u > 0;
          std::int64_t* f = item_sums.data() + (c * listed.size() + t) * bk::kItemFields;
          f[0] += d * u, f[1] += d * p, f[2] += d * d * p, f[3] += p, f[4] += u, f[5] += u * u;
        }
      }

      for (SimdLevel level : levels_here()) {
        CAPTURE(simd_level_name(level));
        CAPTURE(columns);
        CAPTURE(count);
        const bk::Kernels& kernels = bk::kernels(level);
        Aligned block(padded * bk::kRows);
        std::memset(block.data, 0xAB, padded * bk::kRows);   // the transposition writes every byte
        kernels.transpose(rows.data(), stride, count, padded, block.data);
        bool transposed = true;
        for (std::size_t c = 0; c < padded; ++c)
          for (std::size_t r = 0; r < bk::kRows; ++r)
            transposed = transposed && block.data[c * bk::kRows + r] == (r < count ? rows[r * stride + c] : 0);
        CHECK(transposed);

        std::vector<std::uint64_t> got_counts(columns * 16, 5);   // added to, not overwritten
        kernels.histograms(block.data, columns, bk::kMaxCode, got_counts.data());
        for (auto& c : got_counts) c -= 5;
        CHECK(got_counts == counts);
        // Only codes up to `top` are counted.
        std::vector<std::uint64_t> low_counts(columns * 16, 0);
        kernels.histograms(block.data, columns, 3, low_counts.data());
        for (std::size_t c = 0; c < columns; ++c)
          for (std::size_t v = 0; v < 16; ++v) CHECK(low_counts[c * 16 + v] == (v <= 3 ? counts[c * 16 + v] : 0));

        std::vector<std::int64_t> got_products(products.size(), -3);
        kernels.pair_products(block.data, columns, got_products.data());
        for (auto& p : got_products) p += 3;
        CHECK(got_products == products);

        std::vector<std::int64_t> got_items(item_sums.size(), 0), got_classes(class_sums.size(), 0);
        kernels.class_sums(block.data, listed.data(), listed.size(), {row_class.data(), deviation.data(), classes},
                           got_items.data(), got_classes.data());
        CHECK(got_items == item_sums);
        CHECK(got_classes == class_sums);
      }
    }
  }
}

TEST_CASE("the SIMD level: names, support and the ATTUNE_SIMD knob") {
  CHECK(simd_supported(SimdLevel::plain));
  for (SimdLevel level : {SimdLevel::plain, SimdLevel::avx2, SimdLevel::avx512, SimdLevel::avx512_vbmi2})
    CHECK(simd_level_named(simd_level_name(level)) == level);
  CHECK_FALSE(simd_level_named("sse9").has_value());
  const char* before = std::getenv("ATTUNE_SIMD");
  const std::string saved = before ? before : "";
  ::unsetenv("ATTUNE_SIMD");
  const SimdLevel best = simd_level();
  CHECK(best == levels_here().back());   // the highest this CPU runs
  ::setenv("ATTUNE_SIMD", "plain", 1);
  CHECK(simd_level() == SimdLevel::plain);
  ::setenv("ATTUNE_SIMD", "avx512", 1);   // lowered to avx512, never raised above the CPU's best
  CHECK(simd_level() == std::min(best, SimdLevel::avx512));
  for (const char* ignored : {"", "sse9", "AVX2"}) {   // the CLI refuses these; here they leave the best
    ::setenv("ATTUNE_SIMD", ignored, 1);
    CHECK(simd_level() == best);
  }
  if (before) ::setenv("ATTUNE_SIMD", saved.c_str(), 1);
  else ::unsetenv("ATTUNE_SIMD");
  // Asking for kernels the CPU cannot run is refused, not attempted.
  for (SimdLevel level : {SimdLevel::avx2, SimdLevel::avx512})
    if (!simd_supported(level)) CHECK_THROWS(bk::kernels(level));
}
