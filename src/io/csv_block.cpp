#include "attune/io/csv_block.h"

#include <algorithm>
#include <cstring>

namespace attune {

namespace {

// Where the cut falls if every LF ends a record: the first LF at or after `want`, else the
// last one, else (at the end of input) the text's end.
std::size_t plain_end(std::string_view text, std::size_t want, bool at_eof) {
  const char* b = text.data();
  const std::size_t n = text.size();
  std::size_t end = 0;
  if (want < n) {
    const void* lf = std::memchr(b + want, '\n', n - want);   // the first end at or after want
    if (lf) end = static_cast<std::size_t>(static_cast<const char*>(lf) - b) + 1;
  }
  if (end == 0) {
    const void* last = n ? ::memrchr(b, '\n', n) : nullptr;
    end = last ? static_cast<std::size_t>(static_cast<const char*>(last) - b) + 1 : 0;
    if (at_eof) end = n;
  }
  return end;
}

// The common text: no quote and no CR before `end`, so every LF ends a record, and a record is
// blank when its LF follows another (or starts the text, which starts at a record's start).
RecordCut cut_plain(std::string_view text, std::size_t end) {
  const char* b = text.data();
  const std::size_t n = text.size();
  std::uint64_t lines = 0, blank = 0;
  for (const char* p = b; p < b + end;) {   // a memchr per line: lines are tens of bytes
    const char* lf = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(b + end - p)));
    if (!lf) break;
    ++lines;
    blank += lf == p;   // nothing since the last line end (or the text's start)
    p = lf + 1;
  }
  RecordCut cut{end, lines - blank, lines};
  if (end == n && n > 0 && b[n - 1] != '\n') ++cut.records;   // at the end of input: a last record
  return cut;
}

// Any text: quotes toggle (a doubled quote toggles twice), CR ends a record (CRLF once). One
// pass over the bytes, skipping ordinary ones a byte at a time (fields between quotes are short
// in quote-everything exports, where jumping with memchr cost more than it saved).
RecordCut cut_general(std::string_view text, std::size_t want, bool at_eof) {
  const auto* b = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  RecordCut cut;
  bool at_start = true;
  std::uint64_t records = 0, lines = 0;
  std::size_t i = 0;
  while (i < n) {
    const std::size_t from = i;
    while (i < n && b[i] != '"' && b[i] != '\r' && b[i] != '\n') ++i;
    if (i > from) at_start = false;   // field text
    if (i == n) break;                // no line end: the rest is (part of) one record
    if (b[i] == '"') {                // a quoted field: to its closing quote, line ends and all
      at_start = false;
      for (++i; i < n && b[i] != '"'; ++i) lines += b[i] == '\n';
      if (i == n) break;              // unclosed so far (or for good, at the end of input)
      ++i;
      continue;
    }
    if (b[i] == '\r') {
      if (i + 1 == n && !at_eof) break;   // CR or CRLF: unknown until the next byte comes
      i += i + 1 < n && b[i + 1] == '\n' ? 2 : 1;
    } else {
      ++i;
    }
    ++lines;
    if (!at_start) ++records;
    at_start = true;
    cut = {i, records, lines};
    if (cut.end >= want) return cut;
  }
  if (at_eof && cut.end < n) cut = {n, records + 1, lines};   // the last record has no line end
  return cut;
}

}  // namespace

RecordCut cut_records(std::string_view text, std::size_t want, bool at_eof) {
  // Plain when no quote or CR comes before the LF-only cut (with no LF at all, CRs may end
  // records: the general scan decides).
  const std::size_t end = plain_end(text, want, at_eof);
  const bool plain =
      end > 0 && std::memchr(text.data(), '"', end) == nullptr && std::memchr(text.data(), '\r', end) == nullptr;
  return plain ? cut_plain(text, end) : cut_general(text, want, at_eof);
}

}  // namespace attune
