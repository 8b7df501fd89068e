#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <optional>
#include <vector>

#include "attune/responses/likert_coding.h"

using namespace attune;

TEST_CASE("a Likert coding is offered for whole ranges of 2 to 15 levels") {
  CHECK((LikertCoding::of_range(1, 7) == LikertCoding{0, 7}));
  CHECK((LikertCoding::of_range(-3, 3) == LikertCoding{-4, 7}));
  CHECK((LikertCoding::of_range(0, 14) == LikertCoding{-1, 15}));
  CHECK((LikertCoding::of_range(2000000, 2000004) == LikertCoding{1999999, 5}));
  CHECK_FALSE(LikertCoding::of_range(1, 16));     // 16 levels
  CHECK_FALSE(LikertCoding::of_range(1, 1));      // one level
  CHECK_FALSE(LikertCoding::of_range(7, 1));      // reversed ends
  CHECK_FALSE(LikertCoding::of_range(0.5, 7));    // not whole
  CHECK_FALSE(LikertCoding::of_range(1, 6.5));
  CHECK_FALSE(LikertCoding::of_range(1e9, 1e9 + 4));   // beyond 1e9
  CHECK_FALSE(LikertCoding::of_range(NAN, 7));
}

TEST_CASE("a Likert coding's codes: 0 for missing, x - base for an answer, none for the rest") {
  const LikertCoding coding{0, 7};
  std::uint8_t code = 0xAA;
  CHECK(coding.encode(std::nan(""), code));
  CHECK(code == 0);
  CHECK(coding.encode(1, code));
  CHECK(code == 1);
  CHECK(coding.encode(7, code));
  CHECK(code == 7);
  CHECK(coding.answer(7) == 7);
  for (double x : {0.0, 8.0, 2.5, -1.0, double(INFINITY), double(-INFINITY), 1e300}) {
    CAPTURE(x);
    CHECK_FALSE(coding.encode(x, code));
  }
  const LikertCoding centred{-4, 7};   // -3..3
  CHECK(centred.encode(-3, code));
  CHECK(code == 1);
  CHECK(centred.answer(code) == -3);
  CHECK_FALSE(centred.encode(4, code));

  std::vector<std::uint8_t> codes(3);
  CHECK(coding.encode(std::vector<double>{1, NAN, 7}, codes.data()));
  CHECK(codes == std::vector<std::uint8_t>{1, 0, 7});
  CHECK_FALSE(coding.encode(std::vector<double>{1, 3.5, 7}, codes.data()));
  CHECK_FALSE(coding.encode(std::vector<double>{8, 2, 7}, codes.data()));
}

TEST_CASE("a Likert coding's one-digit answers") {
  CHECK(LikertCoding{0, 7}.digits() == 0b11111110u);        // 1..7
  CHECK(LikertCoding{-1, 5}.digits() == 0b11111u);          // 0..4
  CHECK(LikertCoding{-4, 7}.digits() == 0b1111u);           // -3..3: 0..3
  CHECK(LikertCoding{5, 15}.digits() == 0b1111000000u);     // 6..20: 6..9
  CHECK(LikertCoding{9, 5}.digits() == 0u);                 // 10..14
  CHECK(LikertCoding{-20, 7}.digits() == 0u);               // -19..-13
}
