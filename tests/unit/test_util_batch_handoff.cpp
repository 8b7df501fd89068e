#include <doctest/doctest.h>

#include <atomic>
#include <stdexcept>
#include <vector>

#include "util/batch_handoff.h"

using namespace attune;

TEST_CASE("the worker consumes every batch, in the order submitted") {
  std::vector<int> seen;
  {
    BatchHandoff<std::vector<int>> handoff([&seen](const std::vector<int>& batch) {
      seen.insert(seen.end(), batch.begin(), batch.end());
    }, 3);
    for (int b = 0; b < 500; ++b) {
      std::vector<int>& batch = handoff.next_batch();
      CHECK(batch.empty());   // reused batches come back cleared
      for (int i = 0; i < 7; ++i) batch.push_back(b * 7 + i);
      handoff.submit();
    }
    handoff.finish();
    REQUIRE(seen.size() == 3500);
  }
  for (int i = 0; i < 3500; ++i) CHECK(seen[static_cast<std::size_t>(i)] == i);
}

TEST_CASE("finish with nothing submitted returns, and next_batch without submit gives the same batch") {
  std::vector<int> seen;
  BatchHandoff<std::vector<int>> handoff([&seen](const std::vector<int>& batch) {
    seen.insert(seen.end(), batch.begin(), batch.end());
  });
  handoff.finish();
  handoff.next_batch().push_back(1);
  handoff.next_batch().push_back(2);   // asked again before submit: the same batch
  handoff.submit();
  handoff.submit();                    // nothing being filled: nothing handed over
  handoff.finish();
  CHECK(seen == std::vector<int>{1, 2});
}

TEST_CASE("the worker's exception reaches the calling thread, and later batches are not consumed") {
  std::atomic<int> consumed = 0;
  BatchHandoff<std::vector<int>> handoff([&consumed](const std::vector<int>& batch) {
    if (batch.front() == 3) throw std::runtime_error("batch 3 is bad");
    ++consumed;
  }, 2);
  bool thrown = false;
  try {
    for (int b = 0; b < 100; ++b) {
      handoff.next_batch().push_back(b);
      handoff.submit();
    }
    handoff.finish();
  } catch (const std::runtime_error& e) {
    thrown = true;
    CHECK(std::string(e.what()) == "batch 3 is bad");
  }
  CHECK(thrown);
  CHECK(consumed == 3);
}

TEST_CASE("destroying the handoff with batches still queued stops the worker") {
  std::atomic<int> consumed = 0;
  {
    BatchHandoff<std::vector<int>> handoff([&consumed](const std::vector<int>&) { ++consumed; }, 4);
    for (int b = 0; b < 3; ++b) {
      handoff.next_batch().push_back(b);
      handoff.submit();
    }
  }   // no finish(): e.g. reading failed; the destructor must not hang
  CHECK(consumed <= 3);
}
