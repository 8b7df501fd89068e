#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <string_view>
#include <vector>

#include "attune/responses/duplicate_ids.h"

using attune::DuplicateIds;

namespace {
void add(DuplicateIds& ids, std::string_view id, std::uint64_t line) {
  std::string_view cells[] = {id};
  ids.add(cells, line);
}
}  // namespace

TEST_CASE("distinct ids: no warning") {
  DuplicateIds ids;
  for (int i = 0; i < 5000; ++i) add(ids, "R_" + std::to_string(i), static_cast<std::uint64_t>(i) + 2);
  CHECK(ids.repeated_rows() == 0);
  CHECK(ids.unchecked_rows() == 0);
  CHECK(ids.warning("a.csv").empty());
}

TEST_CASE("repeated ids are counted; the warning names the first repeat and both its lines") {
  DuplicateIds ids;
  for (int i = 0; i < 3000; ++i) add(ids, "R_" + std::to_string(i), static_cast<std::uint64_t>(i) + 2);
  add(ids, "R_17", 4000);   // first repeat: R_17 was on line 19
  add(ids, "R_17", 4001);
  add(ids, "R_2", 4002);
  CHECK(ids.repeated_rows() == 3);
  CHECK(ids.warning("a.csv") ==
        "a.csv: 3 rows repeat an earlier row's id; the first: id \"R_17\" on lines 19 and 4000 (every row is "
        "scored and written; check the data for repeated responses)");
}

TEST_CASE("one repeat reads in the singular; empty ids are not compared") {
  DuplicateIds ids;
  add(ids, "", 2);
  add(ids, "", 3);
  add(ids, "x", 4);
  add(ids, "x", 5);
  CHECK(ids.warning("b.csv") ==
        "b.csv: 1 row repeats an earlier row's id; the first: id \"x\" on lines 4 and 5 (every row is scored and "
        "written; check the data for repeated responses)");
}

TEST_CASE("several id cells form one id") {
  DuplicateIds ids;
  std::vector<std::string_view> a = {"s1", "1"}, b = {"s1", "2"}, c = {"s11", ""}, d = {"s1", "1"};
  ids.add(a, 2);
  ids.add(b, 3);
  ids.add(c, 4);
  CHECK(ids.repeated_rows() == 0);
  ids.add(d, 5);
  CHECK(ids.repeated_rows() == 1);
  CHECK(ids.warning("c.csv").find("id \"s1,1\" on lines 2 and 5") != std::string::npos);
}

TEST_CASE("past the cap, ids are compared with the remembered ones only, and the warning says so") {
  DuplicateIds ids(3);
  for (std::string_view id : {"a", "b", "c", "d", "e", "d"}) add(ids, id, 1);
  CHECK(ids.repeated_rows() == 0);   // d and e were never remembered
  CHECK(ids.unchecked_rows() == 3);
  CHECK(ids.warning("d.csv") == "d.csv: 3 later rows were compared only with the ids remembered before the cap of 3 entries");
  DuplicateIds small(4);
  for (std::string_view id : {"a", "b", "c", "d", "e", "a"}) add(small, id, 7);
  CHECK(small.repeated_rows() == 1);   // the late "a" matches a remembered id
  CHECK(small.unchecked_rows() == 1);
  CHECK(small.warning("e.csv").ends_with(
      "check the data for repeated responses; 1 later row was compared only with the ids remembered before the "
      "cap of 4 entries)"));
}

TEST_CASE("ascending whole-number ids: repeats found with their first line, in runs and across gaps") {
  DuplicateIds ids;
  for (int i = 1; i <= 100000; ++i) add(ids, std::to_string(i), static_cast<std::uint64_t>(i) + 1);
  for (int i = 200000; i <= 200010; i += 2) add(ids, std::to_string(i), 500000);   // gaps: runs of one
  CHECK(ids.repeated_rows() == 0);
  add(ids, "200004", 600000);
  CHECK(ids.repeated_rows() == 1);
  CHECK(ids.warning("f.csv").find("id \"200004\" on lines 500000 and 600000") != std::string::npos);
  add(ids, "777", 600001);    // inside the first run: line 778
  add(ids, "0777", 600002);   // not the same text: a new id
  add(ids, "150000", 600003); // between runs: new, remembered by hash
  add(ids, "150000", 600004);
  add(ids, "200011", 600005); // above every run: new
  CHECK(ids.repeated_rows() == 3);
  DuplicateIds first;
  add(first, "5", 2);
  add(first, "3", 3);   // descending: hashed
  add(first, "4", 4);
  add(first, "3", 5);
  add(first, "5", 6);
  CHECK(first.repeated_rows() == 2);
  CHECK(first.warning("g.csv").find("id \"3\" on lines 3 and 5") != std::string::npos);
}

TEST_CASE("ascending ids on lines that are not consecutive keep each row's own line") {
  DuplicateIds ids;
  add(ids, "1", 2);
  add(ids, "2", 5);   // a record spanning lines 2-4 came before
  add(ids, "3", 6);
  add(ids, "2", 9);
  CHECK(ids.warning("h.csv").find("id \"2\" on lines 5 and 9") != std::string::npos);
  DuplicateIds capped(2);   // one run fills the cap; a run is extended without growing
  for (int i = 1; i <= 10; ++i) add(capped, std::to_string(i), static_cast<std::uint64_t>(i) + 1);
  add(capped, "20", 40);   // a new run would pass the cap: not remembered
  add(capped, "3", 41);
  CHECK(capped.repeated_rows() == 1);
  CHECK(capped.unchecked_rows() == 1);
}

TEST_CASE("add_run notes the same as add() row by row: extended runs, new runs, repeats, the cap, 32-bit lines") {
  // Random runs against the row-by-row reference; both are then asked about every id again
  // and about their counts and warning.
  std::uint64_t state = 20261123;
  auto next = [&state](std::uint64_t n) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return (state >> 33) % n;
  };
  for (std::uint64_t cap : {0ull, 2ull, 6ull, 40ull, 100000ull}) {
    for (int trial = 0; trial < 40; ++trial) {
      DuplicateIds runs(cap), rows(cap);
      std::int64_t top = 0;
      std::uint64_t line = next(2) ? 2 : 4294967290ull - next(12);   // some runs cross 2^32 - 1
      std::vector<std::pair<std::int64_t, std::uint64_t>> seen;
      for (int r = 0; r < 12; ++r) {
        std::int64_t first;
        switch (next(4)) {
          case 0: first = top + 1; break;                                    // continues
          case 1: first = top + 2 + static_cast<std::int64_t>(next(5)); break;   // a gap
          case 2: first = static_cast<std::int64_t>(next(static_cast<std::uint64_t>(top) + 1)); break;   // repeats
          default: first = static_cast<std::int64_t>(next(3)) * 499999999999999000ll; break;   // far, 18 digits
        }
        const std::uint64_t count = 1 + next(9);
        line += next(3) == 0 ? 1 + next(3) : 0;   // lines not always consecutive between runs
        runs.add_run(first, line, count);
        for (std::uint64_t k = 0; k < count; ++k) {
          add(rows, std::to_string(first + static_cast<std::int64_t>(k)), line + k);
          seen.emplace_back(first + static_cast<std::int64_t>(k), line + k);
        }
        top = std::max(top, first + static_cast<std::int64_t>(count) - 1);
        line += count;
      }
      CAPTURE(cap);
      CAPTURE(trial);
      CHECK(runs.repeated_rows() == rows.repeated_rows());
      CHECK(runs.unchecked_rows() == rows.unchecked_rows());
      CHECK(runs.warning("f.csv") == rows.warning("f.csv"));
      for (const auto& [id, at] : seen) {
        add(runs, std::to_string(id), at + 7);
        add(rows, std::to_string(id), at + 7);
      }
      CHECK(runs.repeated_rows() == rows.repeated_rows());
      CHECK(runs.warning("f.csv") == rows.warning("f.csv"));
    }
  }
}

TEST_CASE("whole_number_id: canonical decimal whole numbers only") {
  CHECK(DuplicateIds::whole_number_id("0") == 0);
  CHECK(DuplicateIds::whole_number_id("123") == 123);
  CHECK(DuplicateIds::whole_number_id("999999999999999999") == 999999999999999999ll);
  CHECK(DuplicateIds::whole_number_id("1000000000000000000") == -1);   // 19 digits
  for (const char* text : {"", "00", "012", "-1", "+1", "1.0", "1e3", " 1", "1 ", "x"}) {
    CAPTURE(text);
    CHECK(DuplicateIds::whole_number_id(text) == -1);
  }
}

TEST_CASE("with several files, the warning names the file and own line of each of the two rows") {
  DuplicateIds ids;
  add(ids, "P1", 2);
  add(ids, "P2", 3);
  add(ids, "P1", 5);   // a second file's line 2: its lines follow line 3 of the first
  add(ids, "P2", 7);   // a third file (the same name given again) from line 5 on: its line 2
  auto locate = [](std::uint64_t line) {
    if (line <= 3) return attune::SourceLocation{"a.csv", line, 0};
    if (line <= 5) return attune::SourceLocation{"b.csv", line - 3, 0};
    return attune::SourceLocation{"b.csv", line - 5, 0};
  };
  CHECK(ids.warning("a.csv", locate) ==
        "b.csv: 2 rows repeat an earlier row's id; the first: id \"P1\" on line 2 of a.csv and line 2 of b.csv "
        "(every row is scored and written; check the data for repeated responses)");
  DuplicateIds again;
  add(again, "P1", 4);
  add(again, "P1", 7);   // the same name given twice: two files, told apart
  CHECK(again.warning("a.csv", locate) ==
        "b.csv: 1 row repeats an earlier row's id; the first: id \"P1\" on line 1 of b.csv and line 2 of b.csv "
        "(every row is scored and written; check the data for repeated responses)");
  DuplicateIds one;
  add(one, "P1", 6);
  add(one, "P1", 7);
  CHECK(one.warning("a.csv", locate) ==
        "b.csv: 1 row repeats an earlier row's id; the first: id \"P1\" on lines 1 and 2 "
        "(every row is scored and written; check the data for repeated responses)");
}
