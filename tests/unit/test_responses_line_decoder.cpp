#include <doctest/doctest.h>

#include <optional>
#include <random>
#include <string>
#include <vector>

#include "responses/line_decoder.h"

using namespace attune;

namespace {

struct Decoded {
  std::vector<std::uint8_t> codes;
  std::vector<std::string> texts;
};

// What LineDecoder must make of a line, by splitting it plainly: nullopt for what it declines.
std::optional<Decoded> reference(const std::string& line, char delimiter, const std::vector<std::int32_t>& roles,
                                 std::size_t items, std::size_t texts, unsigned answers, int base) {
  if (line.empty() || line.back() != '\n') return std::nullopt;
  std::string body = line.substr(0, line.size() - 1);
  if (!body.empty() && body.back() == '\r') body.pop_back();
  if (body.find_first_of("\"\r\n") != std::string::npos) return std::nullopt;
  std::vector<std::string> cells(1);
  for (char c : body) {
    if (c == delimiter) cells.emplace_back();
    else cells.back() += c;
  }
  if (cells.size() != roles.size()) return std::nullopt;
  Decoded out{std::vector<std::uint8_t>(items), std::vector<std::string>(texts)};
  for (std::size_t f = 0; f < cells.size(); ++f) {
    if (roles[f] >= 0) {
      const std::string& cell = cells[f];
      if (cell.empty()) {
        out.codes[static_cast<std::size_t>(roles[f])] = 0;
        continue;
      }
      const int digit = cell[0] - '0';
      if (cell.size() != 1 || digit < 0 || digit > 9 || !(answers >> digit & 1u)) return std::nullopt;
      out.codes[static_cast<std::size_t>(roles[f])] = static_cast<std::uint8_t>(digit - base);
    } else if (roles[f] < -1) {
      out.texts[static_cast<std::size_t>(-2 - roles[f])] = cells[f];
    }
  }
  return out;
}

// Roles of a header: `before` text or ignored fields, then the items (in order or shuffled in
// pairs), with a kept text field among them when `kept_inside`, then one ignored field.
std::vector<std::int32_t> layout(std::size_t items, bool shuffled, bool kept_inside, std::size_t& texts) {
  std::vector<std::int32_t> roles = {-2, -1};   // an id, an ignored column
  texts = 1;
  for (std::size_t j = 0; j < items; ++j) {
    const std::size_t slot = shuffled ? (j % 2 ? j - 1 : (j + 1 < items ? j + 1 : j)) : j;
    roles.push_back(static_cast<std::int32_t>(slot));
    if (kept_inside && j == items / 2) roles.push_back(-2 - static_cast<std::int32_t>(texts++));
  }
  roles.push_back(-1);
  return roles;
}

}  // namespace

TEST_CASE("LineDecoder decodes what a plain split reads, and declines everything else") {
  if (!LineDecoder::available()) {
    MESSAGE("this CPU has no AVX-512 VBMI2: LineDecoder is not used here");
    return;
  }
  // Cells: answers 1..5 (9 is not one here), empty, and what must be declined or read
  // elsewhere; ids and notes of varying length push fields across the 64-byte pieces.
  const std::vector<std::string> odd = {"9", "0", "12", "NA", " 3", "\"3\"", "3\r", "-", "55", "\r", "a b"};
  const unsigned answers = 0b111110;   // digits 1..5
  std::mt19937 random(64);
  std::size_t decoded = 0, declined = 0;
  for (std::size_t items : {std::size_t{4}, std::size_t{36}, std::size_t{70}}) {
    for (bool shuffled : {false, true}) {
      for (bool kept_inside : {false, true}) {
        std::size_t texts = 0;
        const std::vector<std::int32_t> roles = layout(items, shuffled, kept_inside, texts);
        for (int base : {0, -2}) {
          const LineDecoder decoder(roles, answers, LikertCoding{base, 7});
          for (char delimiter : {',', ';', '\t'}) {
            for (int trial = 0; trial < 300; ++trial) {
              std::string line;
              for (std::size_t f = 0; f < roles.size() + (trial % 97 == 0) - (trial % 89 == 0); ++f) {
                if (f) line += delimiter;
                const bool item = f < roles.size() && roles[f] >= 0;
                if (!item) {
                  line += std::string(random() % 23, 'x');
                } else if (random() % 40 == 0) {
                  line += odd[random() % odd.size()];
                } else if (random() % 6 == 0) {
                  // empty
                } else {
                  line += static_cast<char>('1' + random() % 5);
                }
              }
              if (trial % 53 == 0) line += '"';
              line += random() % 3 ? "\n" : "\r\n";
              CAPTURE(line);
              const auto want = reference(line, delimiter, roles, items, texts, answers, base);
              std::vector<std::uint8_t> codes(items, 0xEE);
              std::vector<std::string_view> got_texts(texts);
              const bool got = decoder.decode(line, delimiter, codes.data(), got_texts.data());
              CHECK(got == want.has_value());
              if (!got || !want) {
                ++declined;
                continue;
              }
              ++decoded;
              CHECK(codes == want->codes);
              for (std::size_t t = 0; t < texts; ++t) CHECK(got_texts[t] == want->texts[t]);
            }
          }
        }
      }
    }
  }
  CHECK(decoded > 3000);
  CHECK(declined > 3000);
}

TEST_CASE("LineDecoder: lines of one field, empty last fields, and lines beyond 4,096 bytes") {
  if (!LineDecoder::available()) return;
  const LineDecoder one({0}, 0b10, LikertCoding{0, 7});   // one item, answer 1
  std::uint8_t code = 0xEE;
  CHECK(one.decode("1\n", ',', &code, nullptr));
  CHECK(code == 1);
  CHECK(one.decode("\n", ',', &code, nullptr));
  CHECK(code == 0);
  CHECK_FALSE(one.decode("1,\n", ',', &code, nullptr));
  CHECK_FALSE(one.decode("2\n", ',', &code, nullptr));
  const LineDecoder two({-2, 0}, 0b10, LikertCoding{0, 7});
  std::string_view id;
  CHECK(two.decode("abc,\r\n", ',', &code, &id));
  CHECK(code == 0);
  CHECK(id == "abc");
  const std::string long_id(5000, 'i');
  CHECK_FALSE(two.decode(long_id + ",1\n", ',', &code, &id));   // declined: parse_line reads it
}
