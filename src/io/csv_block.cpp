#include "attune/io/csv_block.h"

#include <algorithm>
#include <cstring>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

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

// LF bytes in [from, to), and those among them that directly follow an LF (the byte before
// `from` is not looked at).
struct LfCount {
  std::uint64_t lf = 0, after_lf = 0;
};

LfCount count_lf(const char* b, std::size_t from, std::size_t to) {
  LfCount count;
  if (from == to) return count;
  count.lf = b[from] == '\n';
  std::size_t i = from + 1;
#ifdef __SSE2__
  // 16 bytes at a time, counted in byte lanes for up to 255 steps, then summed (psadbw).
  const __m128i lf = _mm_set1_epi8('\n'), zero = _mm_setzero_si128();
  auto total = [&zero](__m128i lanes) {
    const __m128i sums = _mm_sad_epu8(lanes, zero);
    return static_cast<std::uint64_t>(_mm_cvtsi128_si32(sums)) +
           static_cast<std::uint64_t>(_mm_cvtsi128_si32(_mm_srli_si128(sums, 8)));
  };
  while (to - i >= 16) {
    const std::size_t steps = std::min<std::size_t>((to - i) / 16, 255);
    __m128i lfs = zero, pairs = zero;
    for (std::size_t k = 0; k < steps; ++k, i += 16) {
      const __m128i here = _mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(b + i)), lf);
      const __m128i before = _mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(b + i - 1)), lf);
      lfs = _mm_sub_epi8(lfs, here);   // a match is -1
      pairs = _mm_sub_epi8(pairs, _mm_and_si128(here, before));
    }
    count.lf += total(lfs);
    count.after_lf += total(pairs);
  }
#endif
  for (; i < to; ++i) {
    const bool here = b[i] == '\n';
    count.lf += here;
    count.after_lf += here & (b[i - 1] == '\n');
  }
  return count;
}

// The common text: no quote and no CR before `end`, so every LF ends a record, and a record is
// blank when its LF follows another (or starts the text, which starts at a record's start).
RecordCut cut_plain(std::string_view text, std::size_t end) {
  const char* b = text.data();
  const std::size_t n = text.size();
  const LfCount count = count_lf(b, 0, end);
  const std::uint64_t blank = count.after_lf + (end > 0 && b[0] == '\n');
  RecordCut cut{end, count.lf - blank, count.lf};
  if (end == n && n > 0 && b[n - 1] != '\n') ++cut.records;   // at the end of input: a last record
  return cut;
}

// A stretch [from, to) with no quote and no CR: each LF ends a record, which is blank when
// nothing came before it since the last record end (`at_start` carries that across stretches).
void count_plain_stretch(const char* b, std::size_t from, std::size_t to, bool& at_start, std::uint64_t& lines,
                         std::uint64_t& records) {
  if (from == to) return;
  const LfCount count = count_lf(b, from, to);
  const std::uint64_t blank = count.after_lf + ((b[from] == '\n') & at_start);
  lines += count.lf;
  records += count.lf - blank;
  at_start = b[to - 1] == '\n';
}

// Any text: quotes toggle (a doubled quote toggles twice), CR ends a record (CRLF once).
// Between quotes and CRs the text is plain and counted as such; each quote and CR is found once.
RecordCut cut_general(std::string_view text, std::size_t want, bool at_eof) {
  const char* b = text.data();
  const std::size_t n = text.size();
  auto find = [&](char c, std::size_t from) {
    const void* at = from < n ? std::memchr(b + from, c, n - from) : nullptr;
    return at ? static_cast<std::size_t>(static_cast<const char*>(at) - b) : n;
  };
  RecordCut cut;
  bool at_start = true;
  std::uint64_t records = 0, lines = 0;
  std::size_t i = 0, quote = find('"', 0), cr = find('\r', 0);
  while (i < n) {
    if (quote < i) quote = find('"', i);
    if (cr < i) cr = find('\r', i);
    const std::size_t stop = std::min(quote, cr);   // [i, stop) is plain
    // The cut, if in this stretch: the first LF whose record end is at or after `want`.
    const std::size_t search = std::max(i, want > 0 ? want - 1 : 0);
    if (search < stop) {
      if (const void* lf = std::memchr(b + search, '\n', stop - search)) {
        const std::size_t end = static_cast<std::size_t>(static_cast<const char*>(lf) - b) + 1;
        count_plain_stretch(b, i, end, at_start, lines, records);
        return {end, records, lines};
      }
    }
    count_plain_stretch(b, i, stop, at_start, lines, records);
    if (stop > i) {
      if (const void* lf = ::memrchr(b + i, '\n', stop - i)) {   // the stretch's last record end
        cut = {static_cast<std::size_t>(static_cast<const char*>(lf) - b) + 1, records, lines};
      }
    }
    i = stop;
    if (i == n) break;   // the rest is (part of) one record, or nothing
    if (b[i] == '"') {   // a quoted field: to its closing quote, line ends and all
      at_start = false;
      const std::size_t close = find('"', i + 1);
      lines += count_lf(b, i + 1, close).lf;
      if (close == n) break;   // unclosed so far (or for good, at the end of input)
      i = close + 1;
      quote = find('"', i);
      continue;
    }
    if (i + 1 == n && !at_eof) break;   // CR or CRLF: unknown until the next byte comes
    i += i + 1 < n && b[i + 1] == '\n' ? 2 : 1;
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
