// How writers show numbers: how many decimals (--digits) and which decimal mark
// (--output-decimal). The default keeps each format's own: csv, tsv and json write the
// shortest text that reads back as the same double; tables show two decimals, as psych prints.
#pragma once

#include <cstddef>
#include <string>

namespace attune {

struct NumberStyle {
  int digits = -1;      // decimals (0 to kMaxDigits); -1: the format's own
  char decimal = '.';   // the decimal mark: '.' or ','
  // Whether numbers are written as the format does by default.
  bool plain() const { return digits < 0 && decimal == '.'; }
};

// The most decimals --digits takes (a double holds 15 to 17 significant digits).
inline constexpr int kMaxDigits = 15;

// Room write_styled_number() needs at `out`: the longest fixed text of a double with
// kMaxDigits decimals (309 integer digits, sign, mark), with spare.
inline constexpr std::size_t kStyledNumberRoom = 352;

// Writes `value` for a data format at `out` (kStyledNumberRoom bytes writable); returns the
// end. With digits, the value rounded to that many decimals without trailing zeros ("3.5",
// "18", never "-0"); without, the shortest round trip. `style.decimal` is the mark. NaN: nothing.
char* write_styled_number(char* out, double value, const NumberStyle& style);

// Appends `value` as write_styled_number() writes it.
void append_styled_number(std::string& out, double value, const NumberStyle& style);

// Appends `value` for a table: `decimals` fixed decimals ("3.50"), a whole value bare ("18"),
// with `decimal` as the mark. NaN: nothing.
void append_table_number(std::string& out, double value, int decimals, char decimal);

// `value` rounded to `digits` decimals as its decimal text reads back (the value itself when
// digits < 0): what a binary format stores for --digits.
double round_to_digits(double value, int digits);

}  // namespace attune
