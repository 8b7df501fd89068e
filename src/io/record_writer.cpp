#include "attune/io/record_writer.h"

#include <cmath>
#include <cstring>
#include <iterator>

#include <fmt/format.h>

#include "writers.h"

namespace attune {

std::optional<Format> parse_format(std::string_view text) {
  for (Format f : {Format::table, Format::csv, Format::tsv, Format::json, Format::jsonl}) {
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
  }
  return "";
}

char* write_number(char* out, double value) {
  if (std::isnan(value)) return out;
  value += 0.0;   // -0 is written 0
  // Scores take few distinct values (k/n for n items), so each thread remembers the text of
  // recent values in a small direct-mapped table: a hit is one comparison and one copy of a
  // fixed kNumberRoom bytes (two 16-byte moves; the length says how many of them count).
  struct alignas(16) Remembered {
    char text[kNumberRoom];    // the longest shortest form, "-2.2250738585072014e-308", has 24
    std::uint64_t bits = 0;
    std::uint8_t length = 0;   // 0: empty slot
  };
  static thread_local Remembered remembered[1024];
  std::uint64_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  Remembered& slot = remembered[(bits * 0x9E3779B97F4A7C15ull) >> 54];
  if (slot.length == 0 || slot.bits != bits) {
    slot.bits = bits;
    slot.length = static_cast<std::uint8_t>(fmt::format_to(slot.text, "{}", value) - slot.text);
  }
  std::memcpy(out, slot.text, kNumberRoom);
  return out + slot.length;
}

void append_number(std::string& out, double value) {
  char text[kNumberRoom];
  out.append(text, static_cast<std::size_t>(write_number(text, value) - text));
}

std::unique_ptr<RecordWriter> make_writer(Format format, OutputSink& sink, WriterOptions options) {
  switch (format) {
    case Format::csv: return writers::make_delimited(sink, ',', options);
    case Format::tsv: return writers::make_delimited(sink, '\t', options);
    case Format::json: return writers::make_json(sink, false);
    case Format::jsonl: return writers::make_json(sink, true);
    case Format::table: return writers::make_table(sink, options);
  }
  return nullptr;
}

}  // namespace attune
