// gen_responses: writes a synthetic ECR-R-shaped response file for the benchmark harness.
//
// Layout: a header `id,Q1,...,Q36`, then one row per respondent: an id and 36 integer
// answers 1..7; about 2% of the answer cells are empty (missing). Every 1000th id is a
// quoted text id containing a comma, to exercise CSV quoting.
// Answers follow two synthetic latent levels per respondent (items 1-18 one level,
// 19-36 the other; items the ECR-R key reverses are written reversed) so that scales have
// realistic internal consistency. The latent levels are arbitrary simulation parameters,
// not published norms. Output is byte-identical for the same rows and seed: only
// std::mt19937_64 (fully specified by the standard) and integer arithmetic are used.
//
// Usage: gen_responses ROWS OUTPUT [SEED]     ROWS accepts a k/M suffix (100k, 1M, 10M).

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

namespace {

constexpr int item_count = 36;
constexpr std::uint32_t missing_per_65536 = 1311;  // 2.0% of cells are empty

// Items the ECR-R key reverses (the key the harness's R and pandas scripts use).
constexpr std::array<int, 14> reversed_items{9, 11, 20, 22, 26, 27, 28, 29, 30, 31, 33, 34, 35, 36};

long long parse_rows(const char* text) {
  char* end = nullptr;
  const double value = std::strtod(text, &end);
  long long scale = 1;
  if (*end == 'k' || *end == 'K') { scale = 1000; ++end; }
  else if (*end == 'm' || *end == 'M') { scale = 1000000; ++end; }
  if (*end != '\0' || value < 0) return -1;
  return static_cast<long long>(value * static_cast<double>(scale) + 0.5);
}

// A latent level on the 1..7 scale in 1/256 units: 4 +- ~1 (sd), from an Irwin-Hall sum of
// four uniform bytes (portable, unlike std::normal_distribution).
int latent_level_256(std::uint64_t draw) {
  int sum = 0;
  for (int byte = 0; byte < 4; ++byte) sum += static_cast<int>((draw >> (8 * byte)) & 0xFF);
  // sum is in 0..1020 (mean 510, sd ~148); map to 4 + 3.5 * (sum - 510) / 510: sd ~1 point
  return 4 * 256 + (sum - 510) * 256 * 35 / (510 * 10);
}

// One answer from a latent level and 16 bits of noise (triangular, sd ~1.1 scale points).
int answer(int level_256, std::uint32_t noise_bits) {
  const int noise = static_cast<int>(noise_bits & 0xFF) + static_cast<int>((noise_bits >> 8) & 0xFF) - 255;
  const int value_256 = level_256 + noise * 11 / 4;
  int value = (value_256 + 128) >> 8;
  if (value < 1) value = 1;
  if (value > 7) value = 7;
  return value;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3 || argc > 4) {
    std::fprintf(stderr, "usage: gen_responses ROWS OUTPUT [SEED]   (ROWS like 100k, 1M, 10M)\n");
    return 2;
  }
  const long long rows = parse_rows(argv[1]);
  if (rows < 0) {
    std::fprintf(stderr, "gen_responses: bad row count '%s'\n", argv[1]);
    return 2;
  }
  const std::uint64_t seed = argc == 4 ? std::strtoull(argv[3], nullptr, 10) : 20240601ULL;
  std::FILE* out = std::fopen(argv[2], "wb");
  if (out == nullptr) {
    std::perror(argv[2]);
    return 1;
  }

  std::array<bool, item_count + 1> is_reversed{};
  for (int item : reversed_items) is_reversed[static_cast<std::size_t>(item)] = true;

  std::string buffer;
  buffer.reserve(std::size_t{1} << 21);
  buffer += "id";
  for (int item = 1; item <= item_count; ++item) buffer += ",Q" + std::to_string(item);
  buffer += '\n';

  std::mt19937_64 engine(seed);
  char number[32];
  for (long long row = 1; row <= rows; ++row) {
    if (row % 1000 == 0) {
      buffer += "\"r";
      buffer += std::to_string(row);
      buffer += ", site B\"";
    } else {
      const int length = std::snprintf(number, sizeof number, "%lld", row);
      buffer.append(number, static_cast<std::size_t>(length));
    }
    const int anxiety_256 = latent_level_256(engine());
    const int avoidance_256 = latent_level_256(engine());
    std::uint64_t bits = 0;
    for (int item = 1; item <= item_count; ++item) {
      if ((item & 1) == 1) bits = engine();  // two cells per 64-bit draw
      const auto cell_bits = static_cast<std::uint32_t>(bits & 0xFFFFFFFFu);
      bits >>= 32;
      buffer += ',';
      if ((cell_bits >> 16) < missing_per_65536) continue;  // empty cell
      int value = answer(item <= 18 ? anxiety_256 : avoidance_256, cell_bits & 0xFFFFu);
      if (is_reversed[static_cast<std::size_t>(item)]) value = 8 - value;
      buffer += static_cast<char>('0' + value);
    }
    buffer += '\n';
    if (buffer.size() > (std::size_t{1} << 20)) {
      if (std::fwrite(buffer.data(), 1, buffer.size(), out) != buffer.size()) {
        std::perror(argv[2]);
        return 1;
      }
      buffer.clear();
    }
  }
  if (std::fwrite(buffer.data(), 1, buffer.size(), out) != buffer.size() || std::fclose(out) != 0) {
    std::perror(argv[2]);
    return 1;
  }
  return 0;
}
