#include <doctest/doctest.h>

#include <thread>
#include <vector>

#include "attune/responses/flag_join.h"

using namespace attune;

TEST_CASE("a flag join counts each of its ids matched once, and not the keys it lacks") {
  FlagJoin join;
  CHECK(join.add("A", "longstring"));
  CHECK(join.add("B", ""));
  CHECK(join.add("C", "attention"));
  CHECK_FALSE(join.add("A", ""));   // an id twice is refused
  CHECK(join.ids() == 3);
  CHECK(join.matched_ids() == 0);
  CHECK(join.flags_of("A") == "longstring");
  CHECK(join.flags_of("A") == "longstring");   // asked twice (score asks once to exclude, once to write)
  CHECK(join.flags_of("B").empty());            // matched, not flagged
  CHECK(join.flags_of("Z").empty());            // not in the file
  CHECK(join.matched_ids() == 2);
}

TEST_CASE("a flag join counts matches made on several threads") {
  FlagJoin join;
  for (int i = 0; i < 1000; ++i) join.add(std::to_string(i), i % 7 ? "" : "flag");
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&join, t] {
      for (int i = t; i < 800; i += 2) (void)join.flags_of(std::to_string(i));
    });
  }
  for (auto& thread : threads) thread.join();
  CHECK(join.matched_ids() == 800);
}
