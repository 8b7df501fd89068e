// Shared by the unit tests and the CSV fuzz target: reading a text whole, reading it as blocks
// (cut by CsvReader::next_block, each parsed by its own block parser) and taking its plain lines
// (peek_line, take_line) must give the same records, with the same places, or fail with the same
// message after the same records.
#pragma once

#include <cstdint>
#include <exception>
#include <string>
#include <vector>

#include "attune/io/csv_reader.h"

namespace attune::test {

// One record as read, or the error that ended the reading.
struct ReadRecord {
  std::vector<std::string> fields;
  std::vector<std::uint32_t> columns;
  std::vector<std::uint64_t> lines;
  std::uint64_t line = 0, number = 0;
  bool operator==(const ReadRecord&) const = default;
};
struct ReadResult {
  std::vector<ReadRecord> records;
  std::string error;   // "" when the text was read to its end
  bool operator==(const ReadResult&) const = default;
};

inline ReadRecord copy_record(const Record& record) {
  return {std::vector<std::string>(record.fields.begin(), record.fields.end()), record.columns, record.lines,
          record.line, record.number};
}

inline ReadResult read_whole(CsvReader& reader) {
  ReadResult result;
  Record record;
  try {
    while (reader.next(record)) result.records.push_back(copy_record(record));
  } catch (const std::exception& e) {
    result.error = e.what();
  }
  return result;
}

inline ReadResult read_whole(const std::string& text, CsvOptions options) {
  auto reader = CsvReader::from_string(text, "t.csv", options);
  return read_whole(*reader);
}

// Reads the header whole, then the rest in blocks of about `block_bytes` as `score --threads`
// does (a record longer than a block through next()); counts disagreeing with the records
// parsed are reported as an error of their own.
inline ReadResult read_in_blocks(CsvReader& reader, CsvOptions options, std::size_t block_bytes) {
  ReadResult result;
  Record record;
  try {
    if (!reader.next(record)) return result;
    result.records.push_back(copy_record(record));
    CsvOptions block_options = options;
    block_options.delimiter = reader.delimiter();
    auto parser = CsvReader::block_parser(reader.name(), block_options);
    CsvBlock block;
    for (;;) {
      const CsvReader::BlockRead read = reader.next_block(block, block_bytes);
      if (read == CsvReader::BlockRead::end) break;
      if (read == CsvReader::BlockRead::long_record) {
        if (reader.next(record)) result.records.push_back(copy_record(record));
        continue;
      }
      const std::uint64_t counted = block.records;
      parser->parse_block(block);
      std::uint64_t parsed = 0;
      while (parser->next(record)) {
        result.records.push_back(copy_record(record));
        ++parsed;
      }
      if (parsed != counted) {
        result.error = "block counted " + std::to_string(counted) + " records, parsed " + std::to_string(parsed);
        return result;
      }
    }
  } catch (const std::exception& e) {
    result.error = e.what();
  }
  return result;
}

// Reads the header whole, then as the scorer does: a line peek_line() gives with no quote and
// no CR is split at the delimiter here and taken (take_line), anything else is read by next().
inline ReadResult read_taking_lines(CsvReader& reader) {
  ReadResult result;
  Record record;
  try {
    if (!reader.next(record)) return result;
    result.records.push_back(copy_record(record));
    std::uint64_t number = record.number;
    for (;;) {
      const std::string_view line = reader.peek_line();
      if (!line.empty() && line.back() == '\n' && line.find_first_of("\"\r") == std::string_view::npos) {
        ReadRecord taken;
        taken.line = reader.line();
        taken.number = ++number;
        std::size_t start = 0;
        for (std::size_t i = 0; i < line.size(); ++i) {
          if (line[i] != reader.delimiter() && line[i] != '\n') continue;
          taken.fields.emplace_back(line.substr(start, i - start));
          taken.columns.push_back(static_cast<std::uint32_t>(start + 1));
          taken.lines.push_back(taken.line);
          start = i + 1;
        }
        result.records.push_back(std::move(taken));
        reader.take_line(line);
        continue;
      }
      if (!reader.next(record)) break;
      number = record.number;
      result.records.push_back(copy_record(record));
    }
  } catch (const std::exception& e) {
    result.error = e.what();
  }
  return result;
}

inline ReadResult read_taking_lines(const std::string& text, CsvOptions options) {
  auto reader = CsvReader::from_string(text, "t.csv", options);
  return read_taking_lines(*reader);
}

inline ReadResult read_in_blocks(const std::string& text, CsvOptions options, std::size_t block_bytes) {
  auto reader = CsvReader::from_string(text, "t.csv", options);
  return read_in_blocks(*reader, options, block_bytes);
}

}  // namespace attune::test
