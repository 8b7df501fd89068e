#include "attune/io/record_writer.h"

#include <cmath>
#include <cstring>
#include <iterator>

#include <fmt/format.h>

#include "writers.h"

namespace attune {

std::optional<Format> parse_format(std::string_view text) {
  for (Format f : {Format::table, Format::csv, Format::tsv, Format::json, Format::jsonl, Format::sav, Format::dta}) {
    if (text == format_name(f)) return f;
  }
  return std::nullopt;
}

std::string_view format_name(Format format) {
  switch (format) {
    case Format::table: return "table";
    case Format::csv: return "csv";
    case Format::tsv: return "tsv";
    case Format::json: return "json";
    case Format::jsonl: return "jsonl";
    case Format::sav: return "sav";
    case Format::dta: return "dta";
  }
  return "";
}

bool is_binary(Format format) { return format == Format::sav || format == Format::dta; }

namespace {

// Scores take few distinct values (k/n for n items), so each thread remembers the text of
// recent values in a small direct-mapped table: a hit is one comparison and two fixed 16-byte
// moves (the length says how many bytes count). A slot is one 32-byte half of a cache line
// and the table 32 KiB, zero-filled at the thread's start (no guard per call); the rare text
// longer than a slot holds, e.g. "-2.2250738585072014e-308", is not kept.
struct alignas(32) RememberedNumber {
  std::uint64_t bits;
  std::uint8_t length;   // 0: empty slot
  char text[23];
};
static_assert(sizeof(RememberedNumber) == 32);
thread_local RememberedNumber remembered_numbers[1024];

char* copy_remembered(char* out, const RememberedNumber& slot) {
  std::memcpy(out, slot.text, 16);
  std::memcpy(out + 7, slot.text + 7, 16);
  return out + slot.length;
}

// Writes finite, nonzero `value` as fmt's "{}" does: dragonbox's shortest digits, fixed
// notation for decimal exponents -4 to 15, else d.ddde+XX (fmt 9's do_write_float without its
// general specs; checked against fmt on 100M doubles, and by a unit test).
constexpr char kDigitPairs[] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

char* write_shortest(char* out, double value) {
  if (value < 0) { *out++ = '-'; value = -value; }
  const auto dec = fmt::detail::dragonbox::to_decimal(value);
  char digits[24];
  char* end = digits + sizeof digits;
  char* d = end;
  std::uint64_t s = dec.significand;   // two digits at a time, from the last
  for (; s >= 100; s /= 100) {
    d -= 2;
    std::memcpy(d, kDigitPairs + 2 * (s % 100), 2);
  }
  if (s >= 10) {
    d -= 2;
    std::memcpy(d, kDigitPairs + 2 * s, 2);
  } else {
    *--d = static_cast<char>('0' + s);
  }
  const int n = static_cast<int>(end - d);
  const int output_exp = dec.exponent + n - 1;
  if (output_exp < -4 || output_exp >= 16) {
    *out++ = d[0];
    if (n > 1) {
      *out++ = '.';
      std::memcpy(out, d + 1, static_cast<std::size_t>(n - 1));
      out += n - 1;
    }
    *out++ = 'e';
    int e = output_exp;
    if (e < 0) { *out++ = '-'; e = -e; } else *out++ = '+';
    if (e >= 100) { if (e >= 1000) *out++ = static_cast<char>('0' + e / 1000); *out++ = static_cast<char>('0' + e / 100 % 10); e %= 100; }
    *out++ = static_cast<char>('0' + e / 10);
    *out++ = static_cast<char>('0' + e % 10);
    return out;
  }
  if (dec.exponent >= 0) {
    std::memcpy(out, d, static_cast<std::size_t>(n));
    out += n;
    std::memset(out, '0', static_cast<std::size_t>(dec.exponent));
    return out + dec.exponent;
  }
  const int point = dec.exponent + n;   // digits before the point
  if (point > 0) {
    std::memcpy(out, d, static_cast<std::size_t>(point));
    out += point;
    *out++ = '.';
    std::memcpy(out, d + point, static_cast<std::size_t>(n - point));
    return out + (n - point);
  }
  *out++ = '0';
  *out++ = '.';
  std::memset(out, '0', static_cast<std::size_t>(-point));
  out += -point;
  std::memcpy(out, d, static_cast<std::size_t>(n));
  return out + n;
}

// The miss, out of line so that a hit saves and restores no registers.
[[gnu::noinline]] char* write_number_afresh(char* out, double value, std::uint64_t bits, RememberedNumber& slot) {
  char text[kNumberRoom] = {};
  const auto length = static_cast<std::size_t>(
      (std::isfinite(value) && value != 0 ? write_shortest(text, value) : fmt::format_to(text, "{}", value)) - text);
  if (length > sizeof slot.text) {
    std::memcpy(out, text, length);
    return out + length;
  }
  slot.bits = bits;
  slot.length = static_cast<std::uint8_t>(length);
  std::memcpy(slot.text, text, sizeof slot.text);
  return copy_remembered(out, slot);
}

}  // namespace

char* write_number(char* out, double value) {
  if (std::isnan(value)) return out;
  value += 0.0;   // -0 is written 0
  std::uint64_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  RememberedNumber& slot = remembered_numbers[(bits * 0x9E3779B97F4A7C15ull) >> 54];
  if (slot.length != 0 && slot.bits == bits) return copy_remembered(out, slot);
  return write_number_afresh(out, value, bits, slot);
}

void append_number(std::string& out, double value) {
  char text[kNumberRoom];
  out.append(text, static_cast<std::size_t>(write_number(text, value) - text));
}

std::unique_ptr<RecordWriter> make_writer(Format format, OutputSink& sink, WriterOptions options) {
  switch (format) {
    case Format::csv: return writers::make_delimited(sink, options.delimiter ? options.delimiter : ',', options);
    case Format::tsv: return writers::make_delimited(sink, '\t', options);
    case Format::json: return writers::make_json(sink, false, options.numbers);
    case Format::jsonl: return writers::make_json(sink, true, options.numbers);
    case Format::table: return writers::make_table(sink, options);
    case Format::sav: return writers::make_readstat(sink, false, options.numbers);
    case Format::dta: return writers::make_readstat(sink, true, options.numbers);
  }
  return nullptr;
}

}  // namespace attune
